package io.losskit.builtin.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.testkit.LossHarness;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The classification losses by id or alias, run through the test kit's harness. */
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
        return create(definition(id), LossHarness.params(params), roles);
    }

    static Loss create(LossDefinition d, Map<String, String> params, Set<String> roles) {
        return LossHarness.create(d, params, roles);
    }

    /** Runs {@code loss} over {@code samples} with {@code reduction}; a refused sample throws the loss's exception. */
    static LossResult run(Loss loss, List<? extends Sample> samples, Reduction reduction) {
        try {
            return LossHarness.run(loss, reduction, 0, samples).result();
        } catch (LossHarness.SampleRefused e) {
            throw e.getCause();
        }
    }

    /** The per-sample values of {@code loss} (reduction none). */
    static double[] values(Loss loss, List<? extends Sample> samples) {
        return run(loss, samples, Reduction.NONE).values();
    }

    /** The loss of one sample, through reduction none. */
    static double one(Loss loss, Sample sample) {
        return values(loss, List.of(sample))[0];
    }

    /**
     * Asserts that a state of {@code loss} fed the first {@code split} samples, merged with one fed
     * the rest (each through its bytes), finishes as one fed them all, for every reduction (sample i
     * has weight i + 1).
     */
    static void assertMergeEqualsOnePass(Loss loss, List<? extends Sample> samples, int split) {
        for (Reduction r : Reduction.values()) {
            Evaluator e = Evaluator.of(loss, r, 0);
            LossState whole = e.newState();
            LossState first = e.newState();
            LossState second = e.newState();
            for (int i = 0; i < samples.size(); i++) {
                whole.add(samples.get(i), 1.0 + i);
                (i < split ? first : second).add(samples.get(i), 1.0 + i);
            }
            LossState merged = e.decode(first.encode());
            merged.merge(e.decode(second.encode()));
            LossResult got = merged.finish();
            LossResult expected = whole.finish();
            if (r == Reduction.NONE) {
                assertThat(got.values()).as(r.id()).containsExactly(expected.values(), within(1e-15));
            } else {
                assertThat(got.value()).as(r.id()).isCloseTo(expected.value(), within(1e-15));
            }
            assertThat(got.count()).as(r.id()).isEqualTo(expected.count());
        }
    }
}
