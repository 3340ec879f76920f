package io.losskit.builtin.metric;

import io.losskit.core.Samples;
import static io.losskit.builtin.metric.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.testkit.RecordingTally;
import io.losskit.spi.InvalidInputException;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lossless-triplet, lifted-structure, circle, n-pair, info-nce and center, by hand. */
class OtherLossesTest {

    private static final Set<String> LABELLED = LossRunner.roles("pred", "target");
    private static final Set<String> ROWS = LossRunner.roles("anchor", "positive");

    @Test
    void losslessTriplet() {
        // N = 2, β = N = 2, ε = 0: a = (0,0), p = (0.5,0): d_p = 0.25; n = (1,1): d_n = 2.
        // ℓ = −ln(−0.25/2 + 1) − ln(−(2 − 2)/2 + 1) = −ln 0.875. β = 1: −ln 0.75 − ln 1.
        Set<String> roles = LossRunner.roles("anchor", "positive", "negative");
        Sample s = Samples.of("anchor", v(0, 0), "positive", v(0.5, 0), "negative", v(1, 1));
        assertThat(LossRunner.run(new LosslessTriplet(), Map.of("epsilon", "0"), List.of(s), roles,
                Reduction.NONE, 0).values()[0]).isCloseTo(-Math.log(0.875), within(1e-15));
        assertThat(LossRunner.run(new LosslessTriplet(), Map.of("epsilon", "0", "beta", "1"), List.of(s), roles,
                Reduction.NONE, 0).values()[0]).isCloseTo(-Math.log(0.75), within(1e-15));
        // Default ε = 1e-8 enters both logarithms.
        assertThat(LossRunner.run(new LosslessTriplet(), Map.of(), List.of(s), roles, Reduction.NONE, 0).values()[0])
                .isCloseTo(-Math.log(0.875 + 1e-8) - Math.log(1 + 1e-8), within(1e-15));
        // Outside [0, 1]: d_p = 8 > β → the logarithm's argument is negative.
        Sample out = Samples.of("anchor", v(0, 0), "positive", v(2, 2), "negative", v(1, 1));
        assertThatThrownBy(() -> LossRunner.run(new LosslessTriplet(), Map.of(), List.of(out), roles,
                Reduction.NONE, 0)).isInstanceOf(InvalidSampleException.class)
                .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("positive");
    }

    @Test
    void liftedStructureByHand() {
        // 1-D, α = 1: A at 0 and 1, B at 3. One positive pair (0, 1), D = 1; negatives of 0: {3} at 3,
        // of 1: {3} at 2. J = log(e^(1−3) + e^(1−2)) + 1; value = max(0, J)² / (2·1).
        List<Sample> batch = Fixtures.labelled("A", v(0.0), "A", v(1.0), "B", v(3.0));
        double j = Math.log(Math.exp(-2) + Math.exp(-1)) + 1;
        assertThat(LossRunner.run(new LiftedStructure(), Map.of(), batch, LABELLED, Reduction.MEAN, 0).value())
                .isCloseTo(j * j / 2, within(1e-15));
        // α = 0: J = log(e^−3 + e^−2) + 1 < 0 → 0.
        assertThat(LossRunner.run(new LiftedStructure(), Map.of("margin", "0"), batch, LABELLED, Reduction.MEAN, 0)
                .value()).isEqualTo(0.0);
        // One class: no negative, no term, a warning; the mean over nothing is NaN.
        LossRunner.Outcome one = LossRunner.run(new LiftedStructure(), Map.of(),
                Fixtures.labelled("A", v(0.0), "A", v(1.0)), LABELLED, Reduction.MEAN, 0);
        assertThat(one.value()).isNaN();
        assertThat(one.tally().warnings).hasSize(2).anySatisfy(w -> assertThat(w).contains("no positive pair with a negative"))
                .contains("1 of 1 batch(es) had no valid term and were left out");
    }

    @Test
    void liftedStructureDoesNotOverflowFarApart() {
        // B at 2000.5: e^(1 − 2000.5) and e^(1 − 1999.5) underflow to 0 in a naive sum (J = −∞ by accident);
        // max-shifted, J = 1 − 1999.5 + log(1 + e^−1) + 1 < 0, so the term is a true 0.
        // Negatives at 0.5 with α = 800: e^799.5 overflows naively; J = 800 − 0.5 + log 2 + 1.
        List<Sample> far = Fixtures.labelled("A", v(0.0), "A", v(1.0), "B", v(2000.5));
        assertThat(LossRunner.run(new LiftedStructure(), Map.of(), far, LABELLED, Reduction.SUM, 0).value())
                .isEqualTo(0.0);
        List<Sample> near = Fixtures.labelled("A", v(0.0), "A", v(1.0), "B", v(0.5));
        double j = 800 - 0.5 + Math.log(2) + 1;
        assertThat(LossRunner.run(new LiftedStructure(), Map.of("margin", "800"), near, LABELLED, Reduction.SUM, 0)
                .value()).isCloseTo(j * j / 2, within(1e-9));
    }

    @Test
    void circleByHand() {
        // A: (1,0), (0,1); B: (1,1). For either A anchor: s_p = 0, s_n = 1/√2. m = 0.25, γ = 1:
        // −γ·α_p·(s_p − Δ_p) = −1.25·(0 − 0.75) = 0.9375; γ·α_n·(s_n − Δ_n) = (s_n + m)(s_n − m) = 0.5 − 0.0625.
        // ℓ = softplus(0.4375 + 0.9375); B has no positive. Both terms hard: max s_n = 0.707 ≥ min s_p = 0.
        List<Sample> batch = Fixtures.labelled("A", v(1, 0), "A", v(0, 1), "B", v(1, 1));
        LossRunner.Outcome o = LossRunner.run(new Circle(), Map.of("gamma", "1"), batch, LABELLED, Reduction.MEAN, 0);
        assertThat(o.value()).isCloseTo(Math.log1p(Math.exp(1.375)), within(1e-15));
        assertThat(o.tally().counts)
                .containsExactlyInAnyOrderEntriesOf(Map.of("easy", 0L, "semi-hard", 0L, "hard", 2L));
        // γ = 10⁴: softplus(13750) = 13750 exactly in double; the naive form overflows.
        assertThat(LossRunner.run(new Circle(), Map.of("gamma", "10000"), batch, LABELLED, Reduction.MEAN, 0).value())
                .isCloseTo(13750, within(1e-9));
    }

    @Test
    void circleDetailsEasyAndSemiHard() {
        // m = 0.25. Positives at cos 0.9 (≥ 0.75), negative at cos 0 (≤ 0.25): easy for both A anchors.
        // With the negative at cos 0.6 (> m, < min s_p): semi-hard.
        double t = Math.acos(0.9);
        double[] p = v(Math.cos(t), Math.sin(t));
        RecordingTally easy = LossRunner.run(new Circle(), Map.of(),
                Fixtures.labelled("A", v(1, 0), "A", p, "B", v(0, -1)), LABELLED, Reduction.MEAN, 0).tally();
        assertThat(easy.get("easy")).isEqualTo(2);
        double u = Math.acos(0.6);
        RecordingTally semi = LossRunner.run(new Circle(), Map.of(),
                Fixtures.labelled("A", v(1, 0), "A", v(1, 0), "B", v(Math.cos(u), Math.sin(u))), LABELLED,
                Reduction.MEAN, 0).tally();
        assertThat(semi.get("semi-hard")).isEqualTo(2);
    }

    @Test
    void circleRefusesAZeroVector() {
        assertThatThrownBy(() -> LossRunner.run(new Circle(), Map.of(),
                Fixtures.labelled("A", v(1, 0), "A", v(0, 0)), LABELLED, Reduction.MEAN, 0))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("zero vector");
    }

    @Test
    void nPairByHand() {
        // 1-D rows (a, p): (1, 2), (1, 3). ℓ₁ = log(1 + e^(1·3 − 1·2)) = log(1 + e); ℓ₂ = log(1 + e^(2 − 3)).
        List<Sample> rows = List.of(Samples.of("anchor", v(1.0), "positive", v(2.0)),
                Samples.of("anchor", v(1.0), "positive", v(3.0)));
        double expected = (Math.log1p(Math.E) + Math.log1p(Math.exp(-1))) / 2;
        assertThat(LossRunner.run(new NPair(), Map.of(), rows, ROWS, Reduction.MEAN, 0).value())
                .isCloseTo(expected, within(1e-15));
        // Batches of one row: no negatives, log 1 = 0 each, with a warning.
        LossRunner.Outcome single = LossRunner.run(new NPair(), Map.of(), rows, ROWS, Reduction.SUM, 1);
        assertThat(single.value()).isEqualTo(0.0);
        assertThat(single.tally().warnings).hasSize(2).allMatch(w -> w.contains("one row"));
    }

    @Test
    void infoNceByHand() {
        // a₁ = (1,0), p₁ = (1,0); a₂ = (0,1), p₂ = (1,1). τ = 1: cos(a₁,·) = (1, 1/√2), cos(a₂,·) = (0, 1/√2).
        // ℓ₁ = log(e¹ + e^(1/√2)) − 1; ℓ₂ = log(e⁰ + e^(1/√2)) − 1/√2.
        List<Sample> rows = List.of(Samples.of("anchor", v(1, 0), "positive", v(1, 0)),
                Samples.of("anchor", v(0, 1), "positive", v(1, 1)));
        double c = 1 / Math.sqrt(2);
        double expected = (Math.log(Math.E + Math.exp(c)) - 1 + Math.log(1 + Math.exp(c)) - c) / 2;
        assertThat(LossRunner.run(new InfoNce(), Map.of("temperature", "1"), rows, ROWS, Reduction.MEAN, 0).value())
                .isCloseTo(expected, within(1e-15));
        // τ = 0.001: logits up to 1000, max-shifted: ℓ₁ = log(1 + e^(−292.9)) ≈ 0,
        // ℓ₂ = log(1 + e^(−707.1)) ≈ 0; a naive softmax overflows.
        assertThat(LossRunner.run(new InfoNce(), Map.of("temperature", "0.001"), rows, ROWS, Reduction.MEAN, 0)
                .value()).isCloseTo(0, within(1e-12));
    }

    @Test
    void rowsOfUnequalDimension() {
        List<Sample> rows = List.of(Samples.of("anchor", v(1, 0), "positive", v(1, 0, 0)));
        assertThatThrownBy(() -> LossRunner.run(new NPair(), Map.of(), rows, ROWS, Reduction.MEAN, 0))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("anchor has 2")
                .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("positive");
    }

    @Test
    void centerWithClassMeans() {
        // 1-D: A at 0 and 2 (mean 1): ½·1 + ½·1; B at 5 alone: 0. Mean 1/3, sum 1.
        List<Sample> batch = Fixtures.labelled("A", v(0.0), "B", v(5.0), "A", v(2.0));
        assertThat(LossRunner.run(new Center(), Map.of(), batch, LABELLED, Reduction.MEAN, 0).value())
                .isCloseTo(1.0 / 3, within(1e-15));
        // Far from the origin the mean is still exact enough: 1e9 + {1, 3} → ½ + ½.
        List<Sample> far = Fixtures.labelled("A", v(1e9 + 1), "A", v(1e9 + 3));
        assertThat(LossRunner.run(new Center(), Map.of(), far, LABELLED, Reduction.SUM, 0).value()).isEqualTo(1.0);
        // Batches of 2: {A 0, B 5} → 0; {A 2} → 0.
        assertThat(LossRunner.run(new Center(), Map.of(), batch, LABELLED, Reduction.MEAN, 2).value()).isEqualTo(0.0);
        Center c = new Center();
        assertThatThrownBy(() -> c.create(ParameterValues.defaults(c.descriptor()),
                LossRunner.roles("pred", "target", "weight"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void centerWithACentersFile() {
        // Centres A → 1, B → 4: ½(0−1)² + ½(5−4)² + ½(2−1)² = 1.5; the key "2.0" matches label "2".
        Map<String, double[]> file = new LinkedHashMap<>();
        file.put("A", v(1.0));
        file.put("B", v(4.0));
        file.put("2.0", v(10.0));
        List<Sample> batch = Fixtures.labelled("A", v(0.0), "B", v(5.0), "A", v(2.0));
        assertThat(run(file, batch, Reduction.SUM)).isCloseTo(1.5, within(1e-15));
        assertThat(run(file, Fixtures.labelled("2", v(8.0)), Reduction.SUM)).isCloseTo(2.0, within(1e-15));
        assertThatThrownBy(() -> run(file, Fixtures.labelled("C", v(8.0)), Reduction.SUM))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("no centre for label 'C'");
        assertThatThrownBy(() -> run(file, Fixtures.labelled("A", v(8.0, 1)), Reduction.SUM))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("dimension 2");
        // Weighted mean with a file: (2·½ + 1·½) / 3.
        List<Sample> weighted = List.of(Samples.of("pred", v(0.0), "target", "A", "weight", 2.0),
                Samples.of("pred", v(5.0), "target", "B", "weight", 1.0));
        assertThat(LossRunner.run(new Center(), Map.of("centers", "f"), weighted,
                LossRunner.roles("pred", "target", "weight"), Reduction.MEAN, 0, p -> file).value())
                .isCloseTo(0.5, within(1e-15));
    }

    private static double run(Map<String, double[]> file, List<Sample> batch, Reduction r) {
        return LossRunner.run(new Center(), Map.of("centers", "f"), batch, LABELLED, r, 0, p -> file).value();
    }

    @Test
    void normalizedLabels() {
        assertThat(Center.normalize("1.0")).isEqualTo("1");
        assertThat(Center.normalize(" -2 ")).isEqualTo("-2");
        assertThat(Center.normalize("1e0")).isEqualTo("1");
        assertThat(Center.normalize("0.5")).isEqualTo("0.5");
        assertThat(Center.normalize("cat")).isEqualTo("cat");
    }
}
