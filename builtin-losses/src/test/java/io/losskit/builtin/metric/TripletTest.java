package io.losskit.builtin.metric;

import io.losskit.core.Samples;
import static io.losskit.builtin.metric.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.testkit.RecordingTally;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.InvalidInputException;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TripletTest {

    private static final Set<String> TRIPLETS = LossRunner.roles("anchor", "positive", "negative");
    private static final Set<String> LABELLED = LossRunner.roles("pred", "target");

    private static Sample triplet(double[] a, double[] p, double[] n) {
        return Samples.of("anchor", a, "positive", p, "negative", n);
    }

    private static LossRunner.Outcome explicit(Map<String, String> params, Sample... samples) {
        return LossRunner.run(new Triplet(), params, List.of(samples), TRIPLETS, Reduction.NONE, 0);
    }

    @Test
    void explicitTripletsWithoutEps() {
        // a = (0,0), p = (3,4): d(a,p) = 5. n = (6,8): d = 10 → max(0, 5 − 10 + 1) = 0, easy;
        // n = (0,5.5): 5 − 5.5 + 1 = 0.5, semi-hard; n = (0,4): 5 − 4 + 1 = 2, hard (4 ≤ 5).
        LossRunner.Outcome o = explicit(Map.of("eps", "0"),
                triplet(v(0, 0), v(3, 4), v(6, 8)), triplet(v(0, 0), v(3, 4), v(0, 5.5)),
                triplet(v(0, 0), v(3, 4), v(0, 4)));
        assertThat(o.values()).containsExactly(0, 0.5, 2);
        assertThat(o.tally().counts).containsExactlyInAnyOrderEntriesOf(
                Map.of("easy", 1L, "semi-hard", 1L, "hard", 1L));
    }

    @Test
    void explicitTripletsAddEpsLikeTorchPairwiseDistance() {
        // d(x, y) = ‖x − y + eps‖: a − p = (−3, −4) → √((−3 + 1e-6)² + (−4 + 1e-6)²); a − n = (0, −4).
        double dp = Math.sqrt(Math.pow(-3 + 1e-6, 2) + Math.pow(-4 + 1e-6, 2));
        double dn = Math.sqrt(Math.pow(1e-6, 2) + Math.pow(-4 + 1e-6, 2));
        assertThat(explicit(Map.of(), triplet(v(0, 0), v(3, 4), v(0, 4))).values()[0])
                .isCloseTo(1 + dp - dn, within(1e-14));
    }

    @Test
    void squaredAndSwap() {
        // squared: ‖a−p‖² = 25, ‖a−n‖² = 16 → 25 − 16 + 1 = 10, no eps.
        assertThat(explicit(Map.of("squared", "true"), triplet(v(0, 0), v(3, 4), v(0, 4))).values())
                .containsExactly(10);
        // swap: n = (3, 4.5) is √(9 + 20.25) = √29.25 ≈ 5.41 from a but 0.5 from p: min → 0.5,
        // 5 − 0.5 + 1 = 5.5, hard (0.5 ≤ 5). Without swap: max(0, 6 − √29.25).
        LossRunner.Outcome swap = explicit(Map.of("swap", "true", "eps", "0"), triplet(v(0, 0), v(3, 4), v(3, 4.5)));
        assertThat(swap.values()[0]).isCloseTo(5.5, within(1e-14));
        assertThat(swap.tally().counts).containsEntry("hard", 1L);
        assertThat(explicit(Map.of("eps", "0"), triplet(v(0, 0), v(3, 4), v(3, 4.5))).values()[0])
                .isCloseTo(Math.max(0, 6 - Math.sqrt(29.25)), within(1e-14));
    }

    @Test
    void explicitTripletsOfUnequalDimensionNameTheRole() {
        assertThatThrownBy(() -> explicit(Map.of(), triplet(v(0, 0), v(3, 4), v(1, 2, 3))))
                .isInstanceOf(InvalidSampleException.class)
                .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("negative");
    }

    /**
     * 1-D, margin 1: class A at 0 and 1, class B at 1.5 and 4. Distances from 0: 1 (A), 1.5, 4;
     * from 1: 1 (A), 0.5, 3; from 1.5: 2.5 (B), 1.5, 0.5; from 4: 2.5 (B), 4, 3.
     */
    private static final List<Sample> SMALL = Fixtures.labelled("A", v(0.0), "A", v(1.0), "B", v(1.5), "B", v(4.0));

    private static LossRunner.Outcome mined(String mining) {
        return LossRunner.run(new Triplet(), Map.of("mining", mining), SMALL, LABELLED, Reduction.MEAN, 0);
    }

    @Test
    void miningAllByHand() {
        // anchor 0: 1−1.5+1 = 0.5 (semi), 1−4+1 < 0 (easy); anchor 1: 1−0.5+1 = 1.5 (hard), 1−3+1 < 0 (easy);
        // anchor 1.5: 2.5−1.5+1 = 2 (hard), 2.5−0.5+1 = 3 (hard); anchor 4: 2.5−4+1 < 0 (easy), 2.5−3+1 = 0.5 (semi).
        LossRunner.Outcome o = mined("all");
        assertThat(o.value()).isCloseTo(7.5 / 8, within(1e-15));
        assertThat(o.tally().counts).containsExactlyInAnyOrderEntriesOf(
                Map.of("easy", 3L, "semi-hard", 2L, "hard", 3L));
    }

    @Test
    void miningHardByHand() {
        // farthest positive, nearest negative: 0: 1 vs 1.5 → 0.5; 1: 1 vs 0.5 → 1.5; 1.5: 2.5 vs 0.5 → 3;
        // 4: 2.5 vs 3 → 0.5.
        LossRunner.Outcome o = mined("hard");
        assertThat(o.value()).isCloseTo(5.5 / 4, within(1e-15));
        assertThat(o.tally().counts).containsExactlyInAnyOrderEntriesOf(
                Map.of("easy", 0L, "semi-hard", 2L, "hard", 2L));
    }

    @Test
    void miningSemiHardByHand() {
        // nearest negative beyond d(a,p), else the farthest: 0 (dp 1): 1.5 → 0.5; 1 (dp 1): 3 → 0 (easy);
        // 1.5 (dp 2.5): none beyond, farthest 1.5 → 2 (hard); 4 (dp 2.5): 3 → 0.5.
        LossRunner.Outcome o = mined("semi-hard");
        assertThat(o.value()).isCloseTo(3.0 / 4, within(1e-15));
        assertThat(o.tally().counts).containsExactlyInAnyOrderEntriesOf(
                Map.of("easy", 1L, "semi-hard", 2L, "hard", 1L));
    }

    @Test
    void anchorsWithoutPositiveOrNegativeAddNoTerm() {
        // C at 9 is a singleton: it is a negative for the others but no anchor. Anchor 0's terms gain a
        // negative at distance 9 (easy), so do the others: 8 + 4 terms, the same sum.
        List<Sample> batch = new java.util.ArrayList<>(SMALL);
        batch.addAll(Fixtures.labelled("C", v(9.0)));
        LossRunner.Outcome o = LossRunner.run(new Triplet(), Map.of(), batch, LABELLED, Reduction.SUM, 0);
        assertThat(o.value()).isCloseTo(7.5, within(1e-15));
        assertThat(o.tally().get("easy")).isEqualTo(3 + 4);
    }

    @Test
    void aBatchWithoutATripletAddsNothingAndWarns() {
        RecordingTally tally = new RecordingTally();
        Triplet t = new Triplet();
        BatchLoss loss = (BatchLoss) t.create(ParameterValues.defaults(t.descriptor()), LABELLED);
        // One class: no negative. Then only singletons: no positive.
        assertThat(loss.evaluate(Fixtures.labelled("A", v(0.0), "A", v(1.0)), tally))
                .isEqualTo(new BatchLoss.BatchValue(0, 0));
        assertThat(loss.evaluate(Fixtures.labelled("A", v(0.0), "B", v(1.0)), tally).terms()).isZero();
        assertThat(tally.warnings).hasSize(2).allMatch(w -> w.contains("no valid triplet"));
        // Batches of 2 over SMALL: {A 0, A 1} and {B 1.5, B 4}: no term at all, so the mean is 0/0.
        LossRunner.Outcome o = LossRunner.run(new Triplet(), Map.of(), SMALL, LABELLED, Reduction.MEAN, 2);
        assertThat(o.value()).isNaN();
    }

    @Test
    void batchesAreIndependent() {
        // Batch size 3: {A 0, A 1, B 1.5} → anchors 0 and 1 with the one negative 1.5: 0.5 + 1.5;
        // then {B 4}: nothing. Mean 2 / 2.
        LossRunner.Outcome o = LossRunner.run(new Triplet(), Map.of(), SMALL, LABELLED, Reduction.MEAN, 3);
        assertThat(o.value()).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void embeddingsOfUnequalDimensionAreAnInputError() {
        List<Sample> batch = Fixtures.labelled("A", v(0, 0), "A", v(1, 1), "B", v(2, 2, 2));
        assertThatThrownBy(() -> LossRunner.run(new Triplet(), Map.of(), batch, LABELLED, Reduction.MEAN, 0))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageContaining("dimension 3")
                .satisfies(e -> {
                    assertThat(((InvalidSampleException) e).role()).isEqualTo("pred");
                    assertThat(((InvalidSampleException) e).batchIndex()).isEqualTo(2);
                });
    }

    @Test
    void shapeAndParameterCombinations() {
        Triplet t = new Triplet();
        assertThatThrownBy(() -> LossRunner.run(t, Map.of("swap", "true"), SMALL, LABELLED, Reduction.MEAN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("swap");
        assertThatThrownBy(() -> explicit(Map.of("mining", "hard"), triplet(v(0.0), v(1.0), v(2.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mining");
        assertThatThrownBy(() -> t.create(ParameterValues.defaults(t.descriptor()),
                LossRunner.roles("pred", "target", "weight")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> t.create(ParameterValues.defaults(t.descriptor()), LossRunner.roles("anchor", "pred")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("positive, negative").hasMessageContaining("target");
        assertThat(t.create(ParameterValues.defaults(t.descriptor()), LossRunner.roles("anchor", "positive",
                "negative", "pred", "target"))).isInstanceOf(io.losskit.spi.PerSampleLoss.class);
    }
}
