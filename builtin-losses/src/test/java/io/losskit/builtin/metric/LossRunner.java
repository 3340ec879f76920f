package io.losskit.builtin.metric;

import io.losskit.core.BatchSampleException;
import io.losskit.testkit.LossHarness;
import io.losskit.testkit.RecordingTally;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Metric losses through the test kit's harness: typed parameters, the shape chosen from the roles
 * present, weights and reductions for per-sample losses, batches for batch losses.
 */
final class LossRunner {

    /** A run's outcome: the value (or the per-sample values under none), the details and warnings. */
    record Outcome(double value, double[] values, RecordingTally tally) {
    }

    private LossRunner() {
    }

    static Outcome run(LossDefinition def, Map<String, String> params, List<? extends Sample> samples,
                       Set<String> roles, Reduction reduction, int batchSize) {
        return run(def, params, samples, roles, reduction, batchSize, path -> {
            throw new IllegalArgumentException("no file " + path);
        });
    }

    /** A refused sample throws the loss's own {@link io.losskit.spi.InvalidSampleException}. */
    static Outcome run(LossDefinition def, Map<String, String> params, List<? extends Sample> samples,
                       Set<String> roles, Reduction reduction, int batchSize,
                       Function<String, Map<String, double[]>> files) {
        LossHarness.Outcome o;
        try {
            o = LossHarness.run(LossHarness.evaluator(def, ParameterValues.of(def.descriptor(), params, files), roles,
                    reduction, batchSize), samples);
        } catch (LossHarness.SampleRefused e) {
            throw e.getCause();
        } catch (BatchSampleException e) {
            throw e.getCause();
        }
        RecordingTally tally = new RecordingTally();
        o.result().details().forEach(tally::count);
        o.warnings().forEach((message, times) -> {
            for (long i = 0; i < times; i++) {
                tally.warn(message);
            }
        });
        return new Outcome(o.value(), o.values(), tally);
    }

    /** The roles of a sample, as the engine would find them in the input's columns. */
    static Set<String> roles(String... names) {
        return new HashSet<>(List.of(names));
    }
}
