package io.losskit.testkit;

import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.Losses;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossResult;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a loss through the evaluation kernel, as losskit does: each sample's weight is its
 * {@code weight} role (1 when it has none), then the loss's own reduction path (per-sample, aggregate
 * or batch). Build samples with {@link io.losskit.core.Samples#of}.
 */
public final class LossHarness {

    private LossHarness() {
    }

    /**
     * What a run gives.
     *
     * @param result the value (or values under {@code none}), the count and the details
     * @param warnings each distinct warning with how many times it was reported
     */
    public record Outcome(LossResult result, Map<String, Long> warnings) {
        /** The reduced value. */
        public double value() {
            return result.value();
        }

        /** The per-sample values under {@code none}, else null. */
        public double[] values() {
            return result.values();
        }
    }

    /** A sample refused by the loss: which one (0-based) and why. */
    public static final class SampleRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int index;

        SampleRefused(int index, InvalidSampleException cause) {
            super("sample " + index + ", " + cause.role() + ": " + cause.getMessage(), cause);
            this.index = index;
        }

        /** The refused sample's position in the list given. */
        public int index() {
            return index;
        }

        /** The role the loss named. */
        public String role() {
            return getCause().role();
        }

        @Override
        public synchronized InvalidSampleException getCause() {
            return (InvalidSampleException) super.getCause();
        }
    }

    /** Parameters from alternating names and values, as typed after {@code -P}. */
    public static Map<String, String> params(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            given.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return given;
    }

    /** The loss configured from text parameters, checked as losskit checks them. */
    public static Loss create(LossDefinition definition, Map<String, String> params, Set<String> roles) {
        return definition.create(Losses.parameters(definition, params), roles);
    }

    /** An evaluator of {@code definition} with parameters from text. */
    public static Evaluator evaluator(LossDefinition definition, Map<String, String> params, Set<String> roles,
                                      Reduction reduction, int batchSize) {
        return evaluator(definition, Losses.parameters(definition, params), roles, reduction, batchSize);
    }

    /** An evaluator of {@code definition} with parameters already parsed. */
    public static Evaluator evaluator(LossDefinition definition, Parameters params, Set<String> roles,
                                      Reduction reduction, int batchSize) {
        return Evaluator.of(definition, params, roles, reduction, batchSize);
    }

    /**
     * Runs {@code definition} over {@code samples} in one pass.
     *
     * @param batchSize samples per batch for a batch loss, 0 for one batch
     * @throws SampleRefused when the loss refuses a sample
     */
    public static Outcome run(LossDefinition definition, Map<String, String> params, Set<String> roles,
                              Reduction reduction, int batchSize, List<? extends Sample> samples) {
        return run(evaluator(definition, params, roles, reduction, batchSize), samples);
    }

    /** Runs a loss instance made already over {@code samples} in one pass (see {@link Evaluator#of(Loss, Reduction, int)}). */
    public static Outcome run(Loss loss, Reduction reduction, int batchSize, List<? extends Sample> samples) {
        return run(Evaluator.of(loss, reduction, batchSize), samples);
    }

    /** Feeds {@code samples} to a fresh state of {@code evaluator} and finishes it. */
    public static Outcome run(Evaluator evaluator, List<? extends Sample> samples) {
        LossState state = feed(evaluator, samples, 0, samples.size());
        return new Outcome(state.finish(), state.warnings());
    }

    /**
     * Feeds the parts of {@code samples} cut at {@code cuts} (ascending indices) to states of
     * their own, sends each through {@link LossState#encode} and {@link Evaluator#decode}, and merges
     * them in order: what a split input gives. Compare it with {@link #run(Evaluator, List)}.
     */
    public static Outcome splitRun(Evaluator evaluator, List<? extends Sample> samples, int... cuts) {
        LossState merged = null;
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : samples.size();
            LossState part = evaluator.decode(feed(evaluator, samples, from, to).encode());
            if (merged == null) {
                merged = part;
            } else {
                merged.merge(part);
            }
            from = to;
        }
        return new Outcome(merged.finish(), merged.warnings());
    }

    private static LossState feed(Evaluator evaluator, List<? extends Sample> samples, int from, int to) {
        LossState state = evaluator.newState();
        for (int i = from; i < to; i++) {
            Sample s = samples.get(i);
            try {
                state.add(s, s.has("weight") ? s.number("weight") : 1.0);
            } catch (InvalidSampleException e) {
                throw new SampleRefused(i, e);
            }
        }
        return state;
    }
}
