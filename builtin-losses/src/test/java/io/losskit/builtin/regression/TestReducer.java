package io.losskit.builtin.regression;

import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossResult;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test-only stand-in for the engine (the real one is in {@code cli/}): finds a regression loss
 * by id or alias, configures it, and reduces samples as LOSSES.md says — weights from role
 * {@code weight} (default 1), mean = Σwᵢℓᵢ / Σwᵢ, sum = Σwᵢℓᵢ, none = every ℓᵢ — with compensated
 * sums; aggregate losses get {@code add(sample, weight)} and {@code finish()}.
 */
final class TestReducer {

    private TestReducer() {
    }

    /** A reduced value, or the per-sample values under {@code none}. */
    record Result(double value, double[] values) {
    }

    /** An {@link InvalidSampleException} from the {@code record}-th sample (1-based). */
    static final class RecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int record;
        final String role;

        RecordException(int record, InvalidSampleException cause) {
            super("record " + record + ", " + cause.role() + ": " + cause.getMessage(), cause);
            this.record = record;
            this.role = cause.role();
        }
    }

    /** A tally that counts details and warnings. */
    static final class CountingTally implements Tally {
        final Map<String, Long> counts = new HashMap<>();
        final Map<String, Long> warnings = new HashMap<>();

        @Override
        public void count(String key, long n) {
            counts.merge(key, n, Long::sum);
        }

        @Override
        public void warn(String message) {
            warnings.merge(message, 1L, Long::sum);
        }
    }

    /** The regression loss whose id or alias is {@code id}. */
    static LossDefinition definition(String id) {
        return RegressionLosses.all().stream()
                .filter(d -> d.descriptor().id().equals(id) || d.descriptor().aliases().contains(id))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no regression loss " + id));
    }

    /** The loss {@code id} with parameters given as {@code key=value} texts, for pred and target. */
    static Loss create(String id, String... keyValues) {
        Map<String, String> given = new HashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            given.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return create(id, given, Set.of("pred", "target"));
    }

    /** The loss {@code id} with parameters as texts and the roles the input provides. */
    static Loss create(String id, Map<String, String> params, Set<String> roles) {
        LossDefinition def = definition(id);
        ParameterValues values = ParameterValues.of(def.descriptor(), params, path -> {
            throw new IllegalArgumentException("no files in these tests: " + path);
        });
        return def.create(values, roles);
    }

    /** ℓ of one sample of a per-sample loss. */
    static double loss(Loss loss, Sample sample) {
        return ((PerSampleLoss) loss).loss(sample, new CountingTally());
    }

    /** The roles present in any of {@code samples}. */
    static Set<String> roles(List<? extends Sample> samples, Set<String> candidates) {
        Set<String> roles = new HashSet<>();
        for (Sample s : samples) {
            for (String c : candidates) {
                if (s.has(c)) {
                    roles.add(c);
                }
            }
        }
        return roles;
    }

    /** Reduces {@code samples} with {@code loss}. */
    static Result reduce(Loss loss, List<? extends Sample> samples, Reduction reduction) {
        if (loss instanceof PerSampleLoss perSample) {
            return reducePerSample(perSample, samples, reduction);
        }
        if (loss instanceof AggregateLoss aggregate) {
            Accumulator acc = aggregate.newAccumulator(reduction);
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                try {
                    acc.add(s, weight(s));
                } catch (InvalidSampleException e) {
                    throw new RecordException(i + 1, e);
                }
            }
            LossResult r = acc.finish();
            return new Result(r.value(), r.values());
        }
        throw new UnsupportedOperationException("no batch losses in regression: " + (loss instanceof BatchLoss));
    }

    private static Result reducePerSample(PerSampleLoss loss, List<? extends Sample> samples, Reduction reduction) {
        CountingTally tally = new CountingTally();
        CompensatedSum weighted = new CompensatedSum();
        CompensatedSum weights = new CompensatedSum();
        double[] values = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            try {
                values[i] = loss.loss(s, tally);
            } catch (InvalidSampleException e) {
                throw new RecordException(i + 1, e);
            }
            double w = weight(s);
            weighted.add(w * values[i]);
            weights.add(w);
        }
        return switch (reduction) {
            case NONE -> new Result(Double.NaN, values);
            case SUM -> new Result(weighted.value(), null);
            case MEAN -> new Result(weighted.value() / weights.value(), null);
        };
    }

    private static double weight(Sample s) {
        return s.has("weight") ? s.number("weight") : 1.0;
    }
}
