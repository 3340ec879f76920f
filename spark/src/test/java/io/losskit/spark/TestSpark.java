package io.losskit.spark;

import org.apache.spark.sql.SparkSession;

/** A Spark session as the tests use one: local[2], no UI, bound to the loopback address, the function registered. */
final class TestSpark {

    private TestSpark() {
    }

    static SparkSession session() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("losskit-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "3")
                // The tests' inputs are tiny: compiling generated code and re-planning cost more than they save.
                .config("spark.sql.codegen.wholeStage", "false")
                .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
        LosskitSpark.register(spark);
        return spark;
    }
}
