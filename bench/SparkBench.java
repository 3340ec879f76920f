import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Spark local[2]: losskit's mse aggregator against Spark's own avg(pow(pred - target, 2)) over the
 * same Parquet file in the same session, alternating, after a warm-up run of each. Prints each
 * query's median and minimum wall time, its median CPU time (the whole process: a figure that
 * holds on a loaded machine, where wall times do not), their ratios and both values. Run by
 * bench/spark.sh.
 *   java -cp CLASSPATH bench/SparkBench.java FILE.parquet RUNS
 */
public class SparkBench {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("losskit-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        io.losskit.spark.LosskitSpark.register(spark);
        spark.read().parquet(args[0]).createOrReplaceTempView("preds");
        int runs = Integer.parseInt(args[1]);
        String builtin = "SELECT avg(pow(pred - target, 2)) FROM preds";
        String ours = "SELECT losskit('mse', pred, target) FROM preds";
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<Double> cpuA = new ArrayList<>();
        List<Double> cpuB = new ArrayList<>();
        double[] values = new double[2];
        for (int i = -1; i < runs; i++) {   // run -1 warms up
            double[] ta = time(spark, builtin, values, 0);
            double[] tb = time(spark, ours, values, 1);
            if (i >= 0) {
                a.add(ta[0]);
                b.add(tb[0]);
                cpuA.add(ta[1]);
                cpuB.add(tb[1]);
            }
        }
        Collections.sort(a);
        Collections.sort(b);
        Collections.sort(cpuA);
        Collections.sort(cpuB);
        double ca = cpuA.get(cpuA.size() / 2);
        double cb = cpuB.get(cpuB.size() / 2);
        double ma = a.get(a.size() / 2);
        double mb = b.get(b.size() / 2);
        System.out.printf("rows %d, %d runs each%n", spark.table("preds").count(), runs);
        System.out.printf("avg(pow(pred - target, 2))  median %.2f s  min %.2f s  CPU %.2f s  value %s%n", ma, a.get(0), ca,
                values[0]);
        System.out.printf("losskit('mse', pred, target) median %.2f s  min %.2f s  CPU %.2f s  value %s%n", mb, b.get(0), cb,
                values[1]);
        System.out.printf("ratio (median) %.2f  (min) %.2f  (CPU) %.2f; relative difference of the values %.1e%n", mb / ma,
                b.get(0) / a.get(0), cb / ca, Math.abs(values[1] - values[0]) / Math.abs(values[0]));
        spark.stop();
    }

    /** Wall and process CPU seconds of one query. */
    private static double[] time(SparkSession spark, String sql, double[] values, int i) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long t = System.nanoTime();
        long c = os.getProcessCpuTime();
        values[i] = spark.sql(sql).first().getDouble(0);
        return new double[] {(System.nanoTime() - t) / 1e9, (os.getProcessCpuTime() - c) / 1e9};
    }
}
