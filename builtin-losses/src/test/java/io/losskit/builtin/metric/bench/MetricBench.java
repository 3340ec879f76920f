package io.losskit.builtin.metric.bench;

import io.losskit.core.Samples;
import io.losskit.builtin.metric.MetricLosses;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.BatchLoss.BatchValue;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A benchmark of the labelled-batch losses on one batch of n embeddings of dimension d in a few
 * classes (fixed seed), run once per JVM so that {@code /usr/bin/time -v} reports each loss's
 * peak RSS:
 *
 * <pre>
 * CP=builtin-losses/target/classes:builtin-losses/target/test-classes:spi/target/classes
 * /usr/bin/time -v java -cp $CP io.losskit.builtin.metric.bench.MetricBench triplet mining=semi-hard
 * </pre>
 *
 * Arguments: the loss id, then {@code key=value} parameters; {@code -Dn=20000 -Dd=128 -Dclasses=100}
 * change the batch. Prints the wall time of the evaluation (building the samples excluded), the
 * value and the number of terms.
 */
public final class MetricBench {

    private MetricBench() {
    }

    public static void main(String[] args) {
        int n = Integer.getInteger("n", 20_000);
        int d = Integer.getInteger("d", 128);
        int classes = Integer.getInteger("classes", 100);
        String id = args[0];
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            params.put(kv[0], kv[1]);
        }
        LossDefinition def = MetricLosses.all().stream().filter(l -> l.descriptor().id().equals(id))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no loss " + id));

        Random r = new Random(20_240_601L);
        List<Sample> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(classes);
            double[] x = new double[d];
            for (int k = 0; k < d; k++) {
                // Unit Gaussian noise around class centres 2 apart on one or two coordinates: the
                // classes overlap heavily, so every mining strategy has work to do.
                x[k] = r.nextGaussian() + ((k % classes) == label ? 2.0 : 0.0);
            }
            batch.add(Samples.of("pred", x, "target", Integer.toString(label)));
        }

        BatchLoss loss = (BatchLoss) def.create(ParameterValues.of(def.descriptor(), params, p -> null),
                Set.of("pred", "target"));
        Map<String, Long> details = new TreeMap<>();
        Tally tally = new Tally() {
            @Override
            public void count(String key, long k) {
                details.merge(key, k, Long::sum);
            }

            @Override
            public void warn(String message) {
                System.err.println("warning: " + message);
            }
        };
        long t0 = System.nanoTime();
        BatchValue v = loss.evaluate(batch, tally);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s %s n=%d d=%d classes=%d: %.2f s, value %.12g, terms %d, details %s, threads %d%n",
                id, params, n, d, classes, seconds, v.sum() / v.terms(), v.terms(), details,
                Runtime.getRuntime().availableProcessors());
    }
}
