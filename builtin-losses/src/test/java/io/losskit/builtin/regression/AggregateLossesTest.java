package io.losskit.builtin.regression;

import static io.losskit.builtin.regression.TestReducer.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.builtin.TestSample;
import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** rmse, l1 and l2: hand-checked values, weights, reductions, and mergeable accumulators. */
class AggregateLossesTest {

    /** (ŷ = 3, y = 1, w = 1) and (ŷ = [1, 2], y = [0, 0], w = 3). */
    private static final List<TestSample> SAMPLES = List.of(
            TestSample.of("pred", 3.0, "target", 1.0),
            TestSample.of("pred", new double[] {1, 2}, "target", new double[] {0, 0}, "weight", 3.0));

    private static LossResult run(String id, Reduction reduction, List<TestSample> samples) {
        Accumulator acc = ((AggregateLoss) create(id)).newAccumulator(reduction);
        for (TestSample s : samples) {
            acc.add(s, s.has("weight") ? s.number("weight") : 1.0);
        }
        return acc.finish();
    }

    @Test
    void rmseIsTheRootOfTheWeightedMeanOfElementMeans() {
        // ℓ = 4 and mean(1, 4) = 2.5: √((1·4 + 3·2.5)/(1 + 3)) = √2.875 = 1.695582495781317
        LossResult r = run("rmse", Reduction.MEAN, SAMPLES);
        assertThat(r.value()).isCloseTo(1.695582495781317, within(1e-15));
        assertThat(r.count()).isEqualTo(2);
        // Unweighted scalars: √((4 + 0 + 1)/3)
        assertThat(run("rmse", Reduction.MEAN, List.of(TestSample.of("pred", 3.0, "target", 1.0),
                TestSample.of("pred", 5.0, "target", 5.0), TestSample.of("pred", -1.0, "target", 0.0))).value())
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
        assertThat(run("l2", Reduction.SUM, List.of(TestSample.of("pred", 0.0, "target", 0.0))).value()).isEqualTo(0.0);
    }

    @Test
    void unsupportedReductionsAreRefused() {
        assertThat(TestReducer.definition("rmse").descriptor().reductions()).containsExactly(Reduction.MEAN);
        assertThat(TestReducer.definition("l1").descriptor().reductions())
                .containsExactlyInAnyOrder(Reduction.MEAN, Reduction.SUM);
        assertThat(TestReducer.definition("l2").descriptor().reductions())
                .containsExactlyInAnyOrder(Reduction.MEAN, Reduction.SUM);
        for (String id : new String[] {"rmse", "l1", "l2"}) {
            assertThatThrownBy(() -> ((AggregateLoss) create(id)).newAccumulator(Reduction.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
        }
        assertThatThrownBy(() -> ((AggregateLoss) create("rmse")).newAccumulator(Reduction.SUM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badSamplesAreRejected() {
        Accumulator acc = ((AggregateLoss) create("l2")).newAccumulator(Reduction.SUM);
        ElementwiseLossesTest.assertInvalid(() -> acc.add(TestSample.of("pred", new double[] {1, 2},
                "target", new double[] {1}), 1.0), "target");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rmse", "l1", "l2"})
    void splittingAndMergingEqualsOnePass(String id) {
        Random random = new Random(42);
        List<TestSample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double w = 0.1 + random.nextDouble() * 3;
            if (i % 3 == 0) {
                samples.add(TestSample.of("pred", random.nextGaussian() * 1e3, "target", random.nextGaussian(),
                        "weight", w));
            } else {
                samples.add(TestSample.of("pred", new double[] {random.nextGaussian(), random.nextGaussian()},
                        "target", new double[] {random.nextGaussian(), 1e-3 * random.nextGaussian()}, "weight", w));
            }
        }
        Reduction reduction = Reduction.MEAN;
        LossResult whole = run(id, reduction, samples);
        for (int k = 0; k <= samples.size(); k++) {
            LossResult merged = mergeOf(id, reduction, samples.subList(0, k), samples.subList(k, samples.size()));
            assertThat(merged.value()).as("split at %d", k).isCloseTo(whole.value(), within(1e-15 * whole.value()));
            assertThat(merged.count()).isEqualTo(samples.size());
        }
        LossResult threeWay = mergeOf(id, reduction, samples.subList(0, 7), samples.subList(7, 30),
                samples.subList(30, 40));
        assertThat(threeWay.value()).isCloseTo(whole.value(), within(1e-15 * whole.value()));
    }

    @SafeVarargs
    private static LossResult mergeOf(String id, Reduction reduction, List<TestSample>... parts) {
        AggregateLoss loss = (AggregateLoss) create(id);
        Accumulator first = null;
        for (List<TestSample> part : parts) {
            Accumulator acc = loss.newAccumulator(reduction);
            for (TestSample s : part) {
                acc.add(s, s.number("weight"));
            }
            if (first == null) {
                first = acc;
            } else {
                first.merge(acc);
            }
        }
        return first.finish();
    }

    @Test
    void mergingAnotherLossIsRefused() {
        Accumulator l1 = ((AggregateLoss) create("l1")).newAccumulator(Reduction.SUM);
        Accumulator l2 = ((AggregateLoss) create("l2")).newAccumulator(Reduction.SUM);
        assertThatThrownBy(() -> l1.merge(l2)).isInstanceOf(IllegalArgumentException.class);
    }
}
