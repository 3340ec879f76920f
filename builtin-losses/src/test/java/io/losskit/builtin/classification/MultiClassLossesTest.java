package io.losskit.builtin.classification;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static io.losskit.builtin.classification.BinaryLossesTest.assertInvalid;
import static io.losskit.builtin.classification.Harness.create;
import static io.losskit.builtin.classification.Harness.one;
import static io.losskit.builtin.classification.Harness.run;
import static io.losskit.builtin.classification.Harness.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.spi.Loss;
import io.losskit.spi.Reduction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** cross-entropy, weighted-cross-entropy, nll, softmax-focal, categorical-hinge, multi-margin. */
class MultiClassLossesTest {

    static final Set<String> ROLES = Set.of("pred", "target");
    static final double LOG3 = Math.log(3);

    static Sample k(double[] pred, int k) {
        return Samples.of("pred", pred, "target", k);
    }

    static Sample y(double[] pred, double[] target) {
        return Samples.of("pred", pred, "target", target);
    }

    static double[] d(double... x) {
        return x;
    }

    // --- cross-entropy -----------------------------------------------------------------------

    @Test
    void crossEntropyHandValues() {
        Loss ce = create("cross-entropy", ROLES);
        assertThat(one(ce, k(d(0, 0, 0), 1))).isCloseTo(LOG3, within(1e-15));
        // logits [2, 0.5, −1], k = 0: −log softmax = log(1 + e^−1.5 + e^−3) = 0.24131129665715703
        assertThat(one(ce, k(d(2, 0.5, -1), 0))).isCloseTo(0.24131129665715703, within(1e-15));
        // soft target (0.2, 0.8) over equal logits: −(0.2 + 0.8)·log ½ = log 2
        assertThat(one(ce, y(d(0, 0), d(0.2, 0.8)))).isCloseTo(Math.log(2), within(1e-15));
    }

    @Test
    void crossEntropyIsExactAtPlusMinus1000() {
        Loss ce = create("softmax-cross-entropy", ROLES);
        double[] x = d(1000, -1000, 0);
        assertThat(one(ce, k(x, 0))).isEqualTo(0.0);
        assertThat(one(ce, k(x, 1))).isEqualTo(2000.0);
        assertThat(one(ce, k(x, 2))).isEqualTo(1000.0);
    }

    @Test
    void classWeightsMeanDividesBySumOfTargetWeights() {
        Loss ce = create("cross-entropy", ROLES, "class-weights", "1,2,3");
        List<Sample> in = List.of(k(d(0, 0, 0), 1), k(d(0, 0, 0), 2));
        // ℓ = 2·log 3 and 3·log 3; mean = 5·log 3 / (2 + 3) = log 3
        assertThat(values(ce, in)).containsExactly(d(2 * LOG3, 3 * LOG3), within(1e-15));
        assertThat(run(ce, in, Reduction.SUM).value()).isCloseTo(5 * LOG3, within(1e-14));
        assertThat(run(ce, in, Reduction.MEAN).value()).isCloseTo(LOG3, within(1e-15));
        // with sample weights 1 and 3: (2 + 9)·log 3 / (2 + 9)
        List<Sample> weighted = List.of(Samples.of("pred", d(0, 0, 0), "target", 1, "weight", 1.0),
                Samples.of("pred", d(0, 0, 0), "target", 2, "weight", 3.0));
        assertThat(run(ce, weighted, Reduction.MEAN).value()).isCloseTo(LOG3, within(1e-15));
        assertThat(run(ce, weighted, Reduction.SUM).value()).isCloseTo(11 * LOG3, within(1e-14));
    }

    @Test
    void classWeightsWithLabelSmoothingFollowPyTorch() {
        // torch: (1−s)·w_k·(−log p_k) + (s/C)·Σ_c w_c·(−log p_c), logits [2, 0.5, −1], k = 0,
        // w = (0.5, 2, 1), s = 0.2: 0.5528304878828662 (numpy transcription of torch's C++).
        // LOSSES.md's reading, w_k·(−Σ y'_c log p_c), would give 0.2706556483285785.
        Loss ce = create("cross-entropy", ROLES, "class-weights", "0.5,2,1", "label-smoothing", "0.2");
        assertThat(one(ce, k(d(2, 0.5, -1), 0))).isCloseTo(0.5528304878828662, within(1e-15));
        // mean divides by w_k = 0.5
        assertThat(run(ce, List.of(k(d(2, 0.5, -1), 0)), Reduction.MEAN).value())
                .isCloseTo(0.5528304878828662 / 0.5, within(1e-15));
        // equal logits: (0.8·1 + 0.2/3·(1 + 2 + 3))·log 3 = 1.2·log 3 with w = (1,2,3), k = 0
        Loss uniform = create("cross-entropy", ROLES, "class-weights", "1,2,3", "label-smoothing", "0.2");
        assertThat(one(uniform, k(d(0, 0, 0), 0))).isCloseTo(1.2 * LOG3, within(1e-15));
    }

    @Test
    void softTargetsWithClassWeightsDivideByTheNumberOfSamples() {
        Loss ce = create("cross-entropy", ROLES, "class-weights", "1,3");
        // −(1·0.5 + 3·0.5)·log ½ = 2·log 2 per sample; mean over 2 samples = 2·log 2
        List<Sample> in = List.of(y(d(0, 0), d(0.5, 0.5)), y(d(0, 0), d(0.5, 0.5)));
        assertThat(run(ce, in, Reduction.MEAN).value()).isCloseTo(2 * Math.log(2), within(1e-15));
    }

    @Test
    void ignoredSamplesCountNowhere() {
        Loss ce = create("cross-entropy", ROLES, "ignore-index", "-100", "class-weights", "1,2,3");
        List<Sample> in = List.of(k(d(5, 1, 0), -100), k(d(0, 0, 0), 1), k(d(0, 0, 0), 2));
        assertThat(values(ce, in)).containsExactly(d(0, 2 * LOG3, 3 * LOG3), within(1e-15));
        assertThat(run(ce, in, Reduction.MEAN).value()).isCloseTo(LOG3, within(1e-15));
        assertThat(run(ce, in, Reduction.MEAN).count()).isEqualTo(2);
        // an ignore-index inside [0, C) is ignored as well, as torch does
        Loss ignoreZero = create("cross-entropy", ROLES, "ignore-index", "0");
        assertThat(run(ignoreZero, List.of(k(d(9, 0, 0), 0), k(d(0, 0, 0), 1)), Reduction.MEAN).value())
                .isCloseTo(LOG3, within(1e-15));
        // with label smoothing an ignored sample still adds nothing
        Loss smooth = create("cross-entropy", ROLES, "ignore-index", "-1", "label-smoothing", "0.3");
        assertThat(run(smooth, List.of(k(d(9, 0, 0), -1), k(d(0, 0, 0), 1)), Reduction.MEAN).value())
                .isCloseTo(LOG3, within(1e-15));
    }

    @Test
    void allIgnoredMeanIsNaNAsInTorch() {
        Loss ce = create("cross-entropy", ROLES, "ignore-index", "-100");
        assertThat(run(ce, List.of(k(d(1, 2), -100)), Reduction.MEAN).value()).isNaN();
        assertThat(run(ce, List.of(k(d(1, 2), -100)), Reduction.SUM).value()).isEqualTo(0.0);
    }

    @Test
    void inputModes() {
        // probabilities: −log 0.25; a zero probability gives the clamped 100
        Loss probs = create("cross-entropy", ROLES, "input", "probs");
        assertThat(one(probs, k(d(0.75, 0.25, 0), 1))).isCloseTo(-Math.log(0.25), within(1e-15));
        assertThat(one(probs, k(d(0.5, 0.5, 0), 2))).isEqualTo(100.0);
        // nll: the log-probabilities as given
        assertThat(one(create("nll", ROLES), k(d(Math.log(0.2), Math.log(0.8)), 1)))
                .isCloseTo(-Math.log(0.8), within(1e-15));
        assertThat(one(create("nll", ROLES), k(d(-1000, 0), 0))).isEqualTo(1000.0);
    }

    @Test
    void badTargetsAndPredictions() {
        Loss ce = create("cross-entropy", ROLES);
        assertInvalid(() -> one(ce, k(d(1, 2, 3), 3)), "target");
        assertInvalid(() -> one(ce, k(d(1, 2, 3), -1)), "target");
        assertInvalid(() -> one(create("nll", ROLES), k(d(-1, -2), -100)), "target");
        assertInvalid(() -> one(ce, y(d(1, 2, 3), d(0.5, 0.5))), "target");
        assertInvalid(() -> one(ce, y(d(1, 2), d(1.5, -0.5))), "target");
        assertInvalid(() -> one(ce, k(d(), 0)), "pred");
        assertInvalid(() -> one(create("cross-entropy", ROLES, "input", "probs"), k(d(1.2, -0.2), 0)), "pred");
        // nll takes class log-probabilities as given, like torch's NLLLoss: 0.1 is not an error
        assertThat(one(create("nll", ROLES), k(d(0.1, -3), 0))).isEqualTo(-0.1);
        assertInvalid(() -> one(create("cross-entropy", ROLES, "class-weights", "1,2"), k(d(1, 2, 3), 0)), "pred");
    }

    @Test
    void weightedCrossEntropyRequiresClassWeights() {
        assertThatThrownBy(() -> create("weighted-cross-entropy", ROLES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class-weights");
        Loss w = create("weighted-cross-entropy", ROLES, "class-weights", "1,2,3");
        assertThat(one(w, k(d(0, 0, 0), 2))).isCloseTo(3 * LOG3, within(1e-15));
    }

    @Test
    void crossEntropyMergedHalvesEqualOnePass() {
        Loss ce = create("cross-entropy", ROLES, "class-weights", "0.5,2,1", "ignore-index", "-1");
        List<Sample> in = List.of(k(d(1, 2, 3), 0), k(d(3, 1, 0), -1), k(d(0, 1, 0), 1), k(d(2, 2, 1), 2));
        Harness.assertMergeEqualsOnePass(ce, in, 2);
    }

    // --- softmax-focal -----------------------------------------------------------------------

    @Test
    void softmaxFocalHandValues() {
        // equal logits of 2 classes: p = ½, (1 − ½)²·log 2
        assertThat(one(create("softmax-focal", ROLES), k(d(0, 0), 0))).isCloseTo(0.25 * Math.log(2), within(1e-16));
        // logits [2, 0.5, −1], k = 1, α = 0.25, γ = 0.5: 0.39533653657333223 (numpy)
        assertThat(one(create("softmax-focal", ROLES, "alpha", "0.25", "gamma", "0.5"), k(d(2, 0.5, -1), 1)))
                .isCloseTo(0.39533653657333223, within(1e-15));
        assertThat(one(create("softmax-focal", ROLES), k(d(1000, -1000), 0))).isEqualTo(0.0);
        assertThat(one(create("softmax-focal", ROLES), k(d(1000, -1000), 1))).isEqualTo(2000.0);
        // soft target (½, ½) over equal logits: Σ ½·¼·log 2 = ¼·log 2
        assertThat(one(create("softmax-focal", ROLES), y(d(0, 0), d(0.5, 0.5)))).isCloseTo(0.25 * Math.log(2), within(1e-16));
    }

    // --- categorical-hinge, multi-margin ------------------------------------------------------

    @Test
    void categoricalHingeTakesTheMaximumOverOtherClassesOnly() {
        Loss loss = create("categorical-hinge", ROLES);
        // 1 + max(−0.3, −0.2) − 0.1 = 0.7 (keras, seeing a 0 for the true class, would give 0.9)
        assertThat(one(loss, k(d(-0.3, -0.2, 0.1), 2))).isCloseTo(0.7, within(1e-15));
        assertThat(one(loss, y(d(-0.3, -0.2, 0.1), d(0, 0, 1)))).isCloseTo(0.7, within(1e-15));
        assertThat(one(loss, k(d(-1, 0.5, -2), 1))).isEqualTo(0.0);
        assertThat(one(loss, k(d(5), 0))).isEqualTo(0.0);
        assertInvalid(() -> one(loss, y(d(1, 2), d(0.5, 0.5))), "target");
        assertInvalid(() -> one(loss, k(d(1, 2), 2)), "target");
    }

    @Test
    void multiMarginMatchesTorchsExample() {
        // torch's MultiMarginLoss doc: x = [0.1, 0.2, 0.4, 0.8], y = 3 → 0.3250
        double[] x = d(0.1, 0.2, 0.4, 0.8);
        assertThat(one(create("multi-margin", ROLES), k(x, 3))).isCloseTo(0.325, within(1e-15));
        // p = 2: (0.3² + 0.4² + 0.6²)/4 = 0.1525
        assertThat(one(create("multi-margin", ROLES, "p", "2"), k(x, 3))).isCloseTo(0.1525, within(1e-15));
        // margin 0.5, p = 1: (0 + 0 + 0.1)/4
        assertThat(one(create("multi-margin", ROLES, "margin", "0.5"), k(x, 3))).isCloseTo(0.025, within(1e-15));
        assertThatThrownBy(() -> create("multi-margin", ROLES, "p", "3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multi-margin.p");
    }
}
