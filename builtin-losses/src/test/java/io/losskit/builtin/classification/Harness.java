package io.losskit.builtin.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.builtin.RecordingTally;
import io.losskit.builtin.TestSample;
import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossResult;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-only stand-in for the engine: finds a loss by id or alias, parses parameters, and reduces
 * per-sample losses (Σwℓ/Σw, Σwℓ, every ℓ) or runs an aggregate loss's accumulator.
 */
final class Harness {

    private Harness() {
    }

    /** The classification loss named {@code id} (or one of its aliases). */
    static LossDefinition definition(String id) {
        for (LossDefinition d : ClassificationLosses.all()) {
            if (d.descriptor().id().equals(id) || d.descriptor().aliases().contains(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no classification loss " + id);
    }

    /** Creates {@code id} with parameters given as alternating names and values (text). */
    static Loss create(String id, Set<String> roles, String... params) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            given.put(params[i], params[i + 1]);
        }
        return create(definition(id), given, roles);
    }

    static Loss create(LossDefinition d, Map<String, String> params, Set<String> roles) {
        ParameterValues values = ParameterValues.of(d.descriptor(), params, path -> {
            throw new IllegalArgumentException("no files in unit tests: " + path);
        });
        return d.create(values, roles);
    }

    /** Runs {@code loss} over {@code samples} with {@code reduction}. */
    static LossResult run(Loss loss, List<? extends Sample> samples, Reduction reduction, Tally tally) {
        if (loss instanceof AggregateLoss aggregate) {
            Accumulator acc = aggregate.newAccumulator(reduction);
            for (Sample s : samples) {
                acc.add(s, weight(s));
            }
            return acc.finish();
        }
        PerSampleLoss perSample = (PerSampleLoss) loss;
        CompensatedSum num = new CompensatedSum();
        CompensatedSum den = new CompensatedSum();
        double[] values = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            double w = weight(s);
            values[i] = perSample.loss(s, tally);
            num.add(w * values[i]);
            den.add(w);
        }
        return switch (reduction) {
            case MEAN -> LossResult.of(num.value() / den.value(), samples.size());
            case SUM -> LossResult.of(num.value(), samples.size());
            case NONE -> new LossResult(Double.NaN, values, samples.size(), Map.of());
        };
    }

    static LossResult run(Loss loss, List<? extends Sample> samples, Reduction reduction) {
        return run(loss, samples, reduction, new RecordingTally());
    }

    /** The per-sample values of {@code loss} (reduction none). */
    static double[] values(Loss loss, List<? extends Sample> samples) {
        return run(loss, samples, Reduction.NONE).values();
    }

    /** The loss of one sample, through reduction none. */
    static double one(Loss loss, TestSample sample) {
        return values(loss, List.of(sample))[0];
    }

    /**
     * Asserts that the accumulator of {@code loss} fed the first {@code split} samples, merged with
     * one fed the rest, finishes as one fed them all, for every reduction (sample i has weight i + 1).
     */
    static void assertMergeEqualsOnePass(Loss loss, List<? extends Sample> samples, int split) {
        for (Reduction r : Reduction.values()) {
            Accumulator whole = ((AggregateLoss) loss).newAccumulator(r);
            Accumulator first = ((AggregateLoss) loss).newAccumulator(r);
            Accumulator second = ((AggregateLoss) loss).newAccumulator(r);
            for (int i = 0; i < samples.size(); i++) {
                whole.add(samples.get(i), 1.0 + i);
                (i < split ? first : second).add(samples.get(i), 1.0 + i);
            }
            first.merge(second);
            LossResult merged = first.finish();
            LossResult expected = whole.finish();
            if (r == Reduction.NONE) {
                assertThat(merged.values()).as(r.id()).containsExactly(expected.values(), within(1e-15));
            } else {
                assertThat(merged.value()).as(r.id()).isCloseTo(expected.value(), within(1e-15));
            }
            assertThat(merged.count()).as(r.id()).isEqualTo(expected.count());
        }
    }

    private static double weight(Sample s) {
        return s.has("weight") ? s.number("weight") : 1.0;
    }
}
