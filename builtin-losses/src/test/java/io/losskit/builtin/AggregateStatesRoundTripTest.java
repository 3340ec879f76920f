package io.losskit.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.Samples;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.InvalidInputException;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossResult;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.testkit.LossHarness;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every built-in aggregate loss, under every reduction it supports: a state written to bytes and
 * read back is the same state (same bytes, same result), and a split input merged through bytes
 * gives the one-pass result.
 */
class AggregateStatesRoundTripTest {

    private static final Map<String, String> PARAMS = Map.of("weighted-cross-entropy", "class-weights=1,2,0.5");

    /** Samples each aggregate loss accepts, by id. */
    private static List<Sample> samples(String id) {
        return switch (id) {
            case "cer", "wer", "mer", "wil" -> List.of(Samples.of("pred", "the cat sat", "target", "the cat sat down", "weight", 2.0),
                    Samples.of("pred", "a b", "target", "a c", "weight", 1.0),
                    Samples.of("pred", "x", "target", "x y z", "weight", 0.5));
            case "balanced-bce" -> List.of(Samples.of("pred", 0.8, "target", 1.0, "weight", 2.0),
                    Samples.of("pred", 0.3, "target", 0.0, "weight", 1.0),
                    Samples.of("pred", 0.6, "target", 0.0, "weight", 0.5));
            case "cross-entropy", "weighted-cross-entropy", "softmax-focal", "perplexity" -> List.of(
                    Samples.of("pred", new double[] {0.5, 1.5, -1}, "target", 1, "weight", 2.0),
                    Samples.of("pred", new double[] {2, 0.1, 0.3}, "target", 0, "weight", 1.0),
                    Samples.of("pred", new double[] {-1, 0, 1}, "target", 2, "weight", 0.5));
            case "nll" -> List.of(
                    Samples.of("pred", new double[] {Math.log(0.2), Math.log(0.8)}, "target", 1, "weight", 2.0),
                    Samples.of("pred", new double[] {Math.log(0.6), Math.log(0.4)}, "target", 0, "weight", 1.0),
                    Samples.of("pred", new double[] {Math.log(0.5), Math.log(0.5)}, "target", 1, "weight", 0.5));
            default -> List.of(Samples.of("pred", 3.0, "target", 1.0, "weight", 2.0),
                    Samples.of("pred", -1.5, "target", 0.5, "weight", 1.0),
                    Samples.of("pred", 0.25, "target", 0.0, "weight", 0.5));
        };
    }

    @Test
    void everyAggregateStateSurvivesItsBytes() {
        int checked = 0;
        for (LossDefinition d : new BuiltinLosses().losses()) {
            String id = d.descriptor().id();
            Map<String, String> given = PARAMS.containsKey(id)
                    ? LossHarness.params(PARAMS.get(id).split("=")) : Map.of();
            ParameterValues params = ParameterValues.of(d.descriptor(), given, f -> Map.of());
            Set<String> roles = Set.of("pred", "target", "weight");
            try {
                if (!(d.create(params, roles) instanceof AggregateLoss<?>)) {
                    continue;
                }
            } catch (InvalidInputException e) {
                continue; // a batch loss over labelled embeddings: not an aggregate
            }
            for (Reduction r : d.descriptor().reductions()) {
                Evaluator e = Evaluator.of(d, params, roles, r, 0);
                List<Sample> samples = samples(id);
                LossState state = e.newState();
                samples.forEach(s -> state.add(s, s.number("weight")));
                byte[] bytes = state.encode();
                LossState back = e.decode(bytes);
                assertThat(back.encode()).as("%s %s", id, r.id()).isEqualTo(bytes);
                assertSame(back.finish(), state.finish(), id + " " + r.id());
                // Merged sums equal one pass within rounding (LossState's javadoc says when bit for bit).
                LossResult split = LossHarness.splitRun(e, samples, 1).result();
                LossResult whole = state.finish();
                if (r == Reduction.NONE) {
                    assertThat(split.values()).as(id).containsExactly(whole.values(), within(1e-15));
                } else {
                    assertThat(split.value()).as(id).isCloseTo(whole.value(), within(1e-15 * Math.abs(whole.value())));
                }
                assertThat(split.details()).as(id).isEqualTo(whole.details());
            }
            checked++;
        }
        assertThat(checked).as("aggregate losses").isGreaterThanOrEqualTo(9);
    }

    private static void assertSame(LossResult got, LossResult expected, String what) {
        assertThat(Double.valueOf(got.value())).as(what).isEqualTo(Double.valueOf(expected.value())); // NaN under none
        assertThat(got.values()).as(what).isEqualTo(expected.values());
        assertThat(got.count()).as(what).isEqualTo(expected.count());
        assertThat(got.details()).as(what).isEqualTo(expected.details());
    }
}
