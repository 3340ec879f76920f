package io.losskit.builtin.regression;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static io.losskit.builtin.regression.TestReducer.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.testkit.LossHarness;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** rmse, l1 and l2: hand-checked values, weights, reductions, and mergeable accumulators. */
class AggregateLossesTest {

    /** (ŷ = 3, y = 1, w = 1) and (ŷ = [1, 2], y = [0, 0], w = 3). */
    private static final List<Sample> SAMPLES = List.of(
            Samples.of("pred", 3.0, "target", 1.0),
            Samples.of("pred", new double[] {1, 2}, "target", new double[] {0, 0}, "weight", 3.0));

    private static final Set<String> ROLES = Set.of("pred", "target", "weight");

    private static Evaluator evaluator(String id, Reduction reduction) {
        return LossHarness.evaluator(TestReducer.definition(id), Map.of(), ROLES, reduction, 0);
    }

    private static LossResult run(String id, Reduction reduction, List<Sample> samples) {
        return LossHarness.run(evaluator(id, reduction), samples).result();
    }

    @Test
    void rmseIsTheRootOfTheWeightedMeanOfElementMeans() {
        // ℓ = 4 and mean(1, 4) = 2.5: √((1·4 + 3·2.5)/(1 + 3)) = √2.875 = 1.695582495781317
        LossResult r = run("rmse", Reduction.MEAN, SAMPLES);
        assertThat(r.value()).isCloseTo(1.695582495781317, within(1e-15));
        assertThat(r.count()).isEqualTo(2);
        // Unweighted scalars: √((4 + 0 + 1)/3)
        assertThat(run("rmse", Reduction.MEAN, List.of(Samples.of("pred", 3.0, "target", 1.0),
                Samples.of("pred", 5.0, "target", 5.0), Samples.of("pred", -1.0, "target", 0.0))).value())
                .isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
    }

    @Test
    void l1AndL2SumOverAllElementsWithWeightsOnEachTerm() {
        // l1: 1·2 + 3·(1 + 2) = 11; l2: √(1·4 + 3·(1 + 4)) = √19 = 4.358898943540674
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            assertThat(run("l1", r, SAMPLES).value()).isEqualTo(11.0);
            assertThat(run("l2", r, SAMPLES).value()).isCloseTo(4.358898943540674, within(1e-15));
        }
        assertThat(run("l1", Reduction.SUM, List.of()).value()).isEqualTo(0.0);
        assertThat(run("l2", Reduction.SUM, List.of(Samples.of("pred", 0.0, "target", 0.0))).value()).isEqualTo(0.0);
    }

    @Test
    void unsupportedReductionsAreRefused() {
        assertThat(TestReducer.definition("rmse").descriptor().reductions()).containsExactly(Reduction.MEAN);
        assertThat(TestReducer.definition("l1").descriptor().reductions())
                .containsExactlyInAnyOrder(Reduction.MEAN, Reduction.SUM);
        assertThat(TestReducer.definition("l2").descriptor().reductions())
                .containsExactlyInAnyOrder(Reduction.MEAN, Reduction.SUM);
        for (String id : new String[] {"rmse", "l1", "l2"}) {
            assertThatThrownBy(() -> ((AggregateLoss<?>) create(id)).newAccumulator(Reduction.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
            assertThatThrownBy(() -> evaluator(id, Reduction.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
        }
        assertThatThrownBy(() -> ((AggregateLoss<?>) create("rmse")).newAccumulator(Reduction.SUM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badSamplesAreRejected() {
        Accumulator<?> acc = ((AggregateLoss<?>) create("l2")).newAccumulator(Reduction.SUM);
        ElementwiseLossesTest.assertInvalid(() -> acc.add(Samples.of("pred", new double[] {1, 2},
                "target", new double[] {1}), 1.0), "target");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rmse", "l1", "l2"})
    void splittingAndMergingEqualsOnePass(String id) {
        Random random = new Random(42);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double w = 0.1 + random.nextDouble() * 3;
            if (i % 3 == 0) {
                samples.add(Samples.of("pred", random.nextGaussian() * 1e3, "target", random.nextGaussian(),
                        "weight", w));
            } else {
                samples.add(Samples.of("pred", new double[] {random.nextGaussian(), random.nextGaussian()},
                        "target", new double[] {random.nextGaussian(), 1e-3 * random.nextGaussian()}, "weight", w));
            }
        }
        Reduction reduction = Reduction.MEAN;
        LossResult whole = run(id, reduction, samples);
        for (int k = 0; k <= samples.size(); k++) {
            LossResult merged = LossHarness.splitRun(evaluator(id, reduction), samples, k).result();
            assertThat(merged.value()).as("split at %d", k).isCloseTo(whole.value(), within(1e-15 * whole.value()));
            assertThat(merged.count()).isEqualTo(samples.size());
        }
        LossResult threeWay = LossHarness.splitRun(evaluator(id, reduction), samples, 7, 30).result();
        assertThat(threeWay.value()).isCloseTo(whole.value(), within(1e-15 * whole.value()));
    }

    @Test
    void mergingAnotherLossIsRefused() {
        // Both keep a SumAccumulator; the kernel tells the losses apart.
        LossState l1 = evaluator("l1", Reduction.SUM).newState();
        LossState l2 = evaluator("l2", Reduction.SUM).newState();
        assertThatThrownBy(() -> l1.merge(l2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroWeightTakesASampleOutEvenWhenItsTermIsInfinite() {
        // (1e200 − 0)² overflows to +∞; with weight 0 the sample must not turn the sums into NaN.
        List<Sample> samples = List.of(Samples.of("pred", 3.0, "target", 1.0, "weight", 1.0),
                Samples.of("pred", 1e200, "target", 0.0, "weight", 0.0));
        assertThat(run("rmse", Reduction.MEAN, samples).value()).isEqualTo(2.0);
        assertThat(run("l2", Reduction.SUM, samples).value()).isEqualTo(2.0);
        assertThat(run("rmse", Reduction.MEAN, samples).count()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rmse", "l1", "l2"})
    void aStateReadBackFromItsBytesIsTheSameState(String id) {
        Evaluator e = evaluator(id, Reduction.MEAN);
        LossState state = e.newState();
        SAMPLES.forEach(s -> state.add(s, s.has("weight") ? s.number("weight") : 1.0));
        byte[] bytes = state.encode();
        LossState back = e.decode(bytes);
        assertThat(back.encode()).isEqualTo(bytes);
        assertThat(back.finish()).isEqualTo(state.finish());
    }
}
