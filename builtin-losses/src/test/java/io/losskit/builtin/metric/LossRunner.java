package io.losskit.builtin.metric;

import io.losskit.builtin.RecordingTally;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.BatchLoss.BatchValue;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the engine does with a metric loss, reduced to the parts these tests need: typed
 * parameters, the shape chosen from the roles present, weights and reductions for per-sample
 * losses, batches for batch losses (mean = Σ sum / Σ terms).
 */
final class LossRunner {

    /** A run's outcome: the value (or the per-sample values under none), the tally. */
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

    static Outcome run(LossDefinition def, Map<String, String> params, List<? extends Sample> samples,
                       Set<String> roles, Reduction reduction, int batchSize,
                       Function<String, Map<String, double[]>> files) {
        ParameterValues values = ParameterValues.of(def.descriptor(), params, files);
        Loss loss = def.create(values, roles);
        RecordingTally tally = new RecordingTally();
        if (!def.descriptor().reductions().contains(reduction)) {
            throw new IllegalArgumentException(def.descriptor().id() + " does not support " + reduction);
        }
        if (loss instanceof PerSampleLoss p) {
            double[] each = new double[samples.size()];
            CompensatedSum weighted = new CompensatedSum();
            CompensatedSum weights = new CompensatedSum();
            for (int i = 0; i < each.length; i++) {
                Sample s = samples.get(i);
                each[i] = p.loss(s, tally);
                double w = s.has("weight") ? s.number("weight") : 1.0;
                weighted.add(w * each[i]);
                weights.add(w);
            }
            return switch (reduction) {
                case NONE -> new Outcome(Double.NaN, each, tally);
                case SUM -> new Outcome(weighted.value(), null, tally);
                case MEAN -> new Outcome(weighted.value() / weights.value(), null, tally);
            };
        }
        if (loss instanceof BatchLoss b) {
            if (reduction == Reduction.NONE) {
                throw new IllegalArgumentException("none with a batch loss");
            }
            int size = batchSize > 0 ? batchSize : samples.size();
            CompensatedSum sum = new CompensatedSum();
            long terms = 0;
            for (int from = 0; from < samples.size(); from += size) {
                List<Sample> batch = List.copyOf(samples.subList(from, Math.min(samples.size(), from + size)));
                BatchValue v = b.evaluate(batch, tally);
                if (v.terms() > 0) {
                    sum.add(v.sum());
                    terms += v.terms();
                }
            }
            return new Outcome(reduction == Reduction.SUM ? sum.value() : sum.value() / terms, null, tally);
        }
        throw new AssertionError(loss);
    }

    /** The roles of a sample, as the engine would find them in the input's columns. */
    static Set<String> roles(String... names) {
        return new HashSet<>(List.of(names));
    }
}
