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
import io.losskit.spi.LossDefinition;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contrastive (explicit and labelled), cosine-embedding, hinge-embedding, margin-ranking. */
class PairLossesTest {

    private static final Set<String> PAIRS = LossRunner.roles("a", "b", "target");

    private static LossRunner.Outcome none(LossDefinition def, Map<String, String> params, Set<String> roles,
                                           Sample... samples) {
        return LossRunner.run(def, params, List.of(samples), roles, Reduction.NONE, 0);
    }

    @Test
    void contrastiveOverExplicitPairs() {
        // a = (0, 0); b = (3, 4): D = 5. Similar: D² = 25. Dissimilar, margin 6: (6 − 5)² = 1; margin 1: 0.
        // b = (0, 2), dissimilar, margin 6: (6 − 2)² = 16, and D = 2 ≤ 3 = margin/2: hard.
        Sample far = Samples.of("a", v(0, 0), "b", v(3, 4), "target", "1");
        Sample farApart = Samples.of("a", v(0, 0), "b", v(3, 4), "target", "0");
        Sample near = Samples.of("a", v(0, 0), "b", v(0, 2), "target", "-1");
        LossRunner.Outcome o = none(new Contrastive(), Map.of("margin", "6"), PAIRS, far, farApart, near);
        assertThat(o.values()).containsExactly(25, 1, 16);
        // similar at D = 5 ≥ 3: hard; dissimilar at 5 > 3 with a term: semi-hard; the last: hard.
        assertThat(o.tally().counts).containsEntry("hard", 2L).containsEntry("semi-hard", 1L);
        LossRunner.Outcome unsquared = none(new Contrastive(), Map.of("margin", "6", "squared", "false"), PAIRS,
                far, farApart, near);
        assertThat(unsquared.values()).containsExactly(5, 1, 4);
        LossRunner.Outcome margin1 = none(new Contrastive(), Map.of(), PAIRS, farApart);
        assertThat(margin1.values()).containsExactly(0);
        assertThat(margin1.tally().counts).containsEntry("easy", 1L);
    }

    @Test
    void contrastivePairTargetsAreOneZeroOrMinusOne() {
        Sample bad = Samples.of("a", v(0.0), "b", v(1.0), "target", "2");
        assertThatThrownBy(() -> none(new Contrastive(), Map.of(), PAIRS, bad))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("not 2")
                .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("target");
        Sample word = Samples.of("a", v(0.0), "b", v(1.0), "target", "yes");
        assertThatThrownBy(() -> none(new Contrastive(), Map.of(), PAIRS, word))
                .isInstanceOf(InvalidSampleException.class);
    }

    @Test
    void pairsOfUnequalDimensionAreAnInputErrorOnB() {
        Sample s = Samples.of("a", v(0, 0), "b", v(1, 2, 3), "target", "1");
        assertThatThrownBy(() -> none(new Contrastive(), Map.of(), PAIRS, s))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("dimension 3")
                .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("b");
    }

    @Test
    void contrastiveOverALabelledBatch() {
        // 1-D: A at 0 and 1, B at 3. Pairs: (0,1) similar D=1 → 1; (0,3) dissimilar D=3 → 0;
        // (1,3) dissimilar D=2 → 0 with margin 1. Margin 2.5: (2.5−3)→0, (2.5−2)² = 0.25.
        List<Sample> batch = Fixtures.labelled("A", v(0.0), "A", v(1.0), "B", v(3.0));
        LossRunner.Outcome m1 = LossRunner.run(new Contrastive(), Map.of(), batch,
                LossRunner.roles("pred", "target"), Reduction.MEAN, 0);
        assertThat(m1.value()).isCloseTo(1.0 / 3, within(1e-15));
        // similar pair at D = 1 ≥ 0.5: hard; the two dissimilar ones are easy.
        assertThat(m1.tally().counts).containsEntry("hard", 1L).containsEntry("easy", 2L);
        LossRunner.Outcome m25 = LossRunner.run(new Contrastive(), Map.of("margin", "2.5"), batch,
                LossRunner.roles("pred", "target"), Reduction.SUM, 0);
        assertThat(m25.value()).isCloseTo(1.25, within(1e-15));
    }

    @Test
    void labelledContrastiveRefusesWeightsAndPrefersExplicitPairs() {
        Parameters defaults = ParameterValues.defaults(new Contrastive().descriptor());
        assertThatThrownBy(() -> new Contrastive().create(defaults, LossRunner.roles("pred", "target", "weight")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> new Contrastive().create(defaults, LossRunner.roles("a", "target")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lacks b");
        Sample both = Samples.of("a", v(0.0), "b", v(2.0), "target", "1", "pred", v(9.0));
        LossRunner.Outcome o = LossRunner.run(new Contrastive(), Map.of(), List.of(both),
                LossRunner.roles("a", "b", "target", "pred"), Reduction.NONE, 0);
        assertThat(o.values()).containsExactly(4);
    }

    @Test
    void aLabelledBatchOfOneSampleHasNoPair() {
        RecordingTally tally = new RecordingTally();
        BatchLoss loss = (BatchLoss) new Contrastive().create(
                ParameterValues.defaults(new Contrastive().descriptor()), LossRunner.roles("pred", "target"));
        assertThat(loss.evaluate(Fixtures.labelled("A", v(1.0)), tally).terms()).isZero();
        assertThat(tally.warnings).singleElement().asString().contains("no pair");
    }

    @Test
    void cosineEmbedding() {
        // a = (1, 0), b = (1, 1): cos = 1/√2. y = 1: 1 − 1/√2; y = −1 or 0, margin 0.5: 1/√2 − 0.5;
        // margin 0.8: 0. b = (−1, 0): cos = −1; y = 1: 2.
        Set<String> roles = LossRunner.roles("a", "b", "target");
        LossRunner.Outcome o = none(new CosineEmbedding(), Map.of("margin", "0.5"), roles,
                Samples.of("a", v(1, 0), "b", v(1, 1), "target", 1),
                Samples.of("a", v(1, 0), "b", v(1, 1), "target", -1),
                Samples.of("a", v(1, 0), "b", v(1, 1), "target", 0),
                Samples.of("a", v(1, 0), "b", v(-1, 0), "target", 1));
        double c = 1 / Math.sqrt(2);
        assertThat(o.values()[0]).isCloseTo(1 - c, within(1e-15));
        assertThat(o.values()[1]).isCloseTo(c - 0.5, within(1e-15));
        assertThat(o.values()[2]).isCloseTo(c - 0.5, within(1e-15));
        assertThat(o.values()[3]).isEqualTo(2.0);
        assertThat(none(new CosineEmbedding(), Map.of("margin", "0.8"), roles,
                Samples.of("a", v(1, 0), "b", v(1, 1), "target", -1)).values()).containsExactly(0);
        assertThatThrownBy(() -> none(new CosineEmbedding(), Map.of(), roles,
                Samples.of("a", v(1, 0), "b", v(0, 0), "target", 1)))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("zero vector");
    }

    @Test
    void hingeEmbedding() {
        // x = 0.3: y = 1 → 0.3; y = −1 (or 0), margin 1 → 0.7; x = 1.4, y = −1 → 0.
        Set<String> roles = LossRunner.roles("pred", "target");
        LossRunner.Outcome o = none(new HingeEmbedding(), Map.of(), roles,
                Samples.of("pred", 0.3, "target", 1), Samples.of("pred", 0.3, "target", -1),
                Samples.of("pred", 0.3, "target", 0), Samples.of("pred", 1.4, "target", -1));
        assertThat(o.values()).containsExactly(0.3, 0.7, 0.7, 0.0);
        assertThatThrownBy(() -> none(new HingeEmbedding(), Map.of(), roles, Samples.of("pred", 0.3, "target", 2)))
                .isInstanceOf(InvalidSampleException.class);
    }

    @Test
    void marginRanking() {
        // a = 1, b = 3: y = 1 wants a above b → max(0, −(1 − 3)) = 2; y = −1 → 0; margin 2.5, y = −1 → 0.5.
        Set<String> roles = LossRunner.roles("a", "b", "target");
        assertThat(none(new MarginRanking(), Map.of(), roles, Samples.of("a", 1.0, "b", 3.0, "target", 1),
                Samples.of("a", 1.0, "b", 3.0, "target", -1)).values()).containsExactly(2.0, 0.0);
        assertThat(none(new MarginRanking(), Map.of("margin", "2.5"), roles,
                Samples.of("a", 1.0, "b", 3.0, "target", -1)).values()).containsExactly(0.5);
        assertThatThrownBy(() -> none(new MarginRanking(), Map.of(), roles,
                Samples.of("a", 1.0, "b", 3.0, "target", 0)))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("1 or −1");
    }
}
