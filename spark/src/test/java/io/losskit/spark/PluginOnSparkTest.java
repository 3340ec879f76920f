package io.losskit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example pack (plugins-example) on Spark's class path, as {@code --jars} puts it there: its
 * losses are found by ServiceLoader on the driver and the executors and used from SQL.
 */
class PluginOnSparkTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void thePacksPerSampleAndAggregateLossesFromSql() {
        spark.sql("SELECT * FROM VALUES (3.0D, 5.0D), (4.0D, 3.0D) AS t(pred, target)").repartition(2)
                .createOrReplaceTempView("forecast");
        // |d| = 2 short and 1 over, k = 3: (3·2 + 1)/2 = 3.5 (the pack's own test and the CLI's)
        assertThat(spark.sql("SELECT losskit('asymmetric-cost', pred, target, map('k', '3')) FROM forecast").first()
                .getDouble(0)).isEqualTo(3.5);
        spark.sql("SELECT * FROM VALUES (0.1D, 0), (0.4D, 0), (0.35D, 1), (0.8D, 1), (0.95D, 1), (0.62D, 0)"
                + " AS t(pred, target)").repartition(3).createOrReplaceTempView("probs");
        // 5 bins: ECE = 2.02/6 (the pack's binary case)
        Row ece = spark.sql("SELECT losskit('ece', pred, target, map('bins', '5')),"
                + " losskit('expected-calibration-error', pred, target, map('bins', '5')) FROM probs").first();
        assertThat(ece.getDouble(0)).isCloseTo(2.02 / 6, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(ece.getDouble(1)).isEqualTo(ece.getDouble(0));
    }
}
