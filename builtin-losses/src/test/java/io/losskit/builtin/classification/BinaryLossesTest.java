package io.losskit.builtin.classification;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static io.losskit.builtin.classification.Harness.create;
import static io.losskit.builtin.classification.Harness.one;
import static io.losskit.builtin.classification.Harness.run;
import static io.losskit.builtin.classification.Harness.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.Reduction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** bce, bce-logits, balanced-bce, focal, hinge, squared-hinge, soft-margin: hand-checked values. */
class BinaryLossesTest {

    static final Set<String> ROLES = Set.of("pred", "target");
    static final double LOG2 = Math.log(2);

    static Sample s(double pred, double target) {
        return Samples.of("pred", pred, "target", target);
    }

    static Sample v(double[] pred, double[] target) {
        return Samples.of("pred", pred, "target", target);
    }

    static void assertInvalid(Runnable r, String role) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidSampleException.class,
                e -> assertThat(e.role()).isEqualTo(role));
    }

    // --- bce ---------------------------------------------------------------------------------

    @Test
    void bceOfProbabilities() {
        Loss bce = create("bce", ROLES);
        assertThat(one(bce, s(0.8, 1))).isCloseTo(-Math.log(0.8), within(1e-15));   // 0.2231435513142097
        assertThat(one(bce, s(0.8, 0))).isCloseTo(-Math.log(0.2), within(1e-15));   // 1.6094379124341003
        // soft label 0.25: −(0.25·log 0.8 + 0.75·log 0.2)
        assertThat(one(bce, s(0.8, 0.25))).isCloseTo(-(0.25 * Math.log(0.8) + 0.75 * Math.log(0.2)), within(1e-15));
    }

    @Test
    void logLossOverPredictProbaIsSklearns() {
        Loss logLoss = create("log-loss", ROLES);
        // sklearn log_loss([1], [[0.3, 0.7]]) = −log 0.7 = 0.35667494393873245, the binary loss of p₁
        assertThat(one(logLoss, Samples.of("pred", new double[] {0.3, 0.7}, "target", 1.0)))
                .isCloseTo(0.35667494393873245, within(1e-15))
                .isCloseTo(one(logLoss, s(0.7, 1)), within(1e-15));
        // sklearn log_loss([2], [[0.2, 0.5, 0.3]], labels=[0, 1, 2]) = −log 0.3 = 1.2039728043259361
        assertThat(one(logLoss, Samples.of("pred", new double[] {0.2, 0.5, 0.3}, "target", 2.0)))
                .isCloseTo(1.2039728043259361, within(1e-15));
        assertInvalid(() -> one(logLoss, Samples.of("pred", new double[] {0.2, 0.8}, "target", 2.0)), "target");
        assertInvalid(() -> one(create("bce-logits", ROLES), Samples.of("pred", new double[] {0.2, 0.8}, "target", 1.0)),
                "target");
    }

    @Test
    void bceOfZeroAndOneIsTheClampedValue() {
        Loss bce = create("log-loss", ROLES);
        assertThat(one(bce, s(0, 1))).isEqualTo(100.0);
        assertThat(one(bce, s(1, 0))).isEqualTo(100.0);
        assertThat(one(bce, s(1, 1))).isEqualTo(0.0);
        assertThat(one(bce, s(0, 0))).isEqualTo(0.0);
        // y = 0.5 at p = 0: ½·100 + ½·0
        assertThat(one(bce, s(0, 0.5))).isEqualTo(50.0);
    }

    @Test
    void bceLogitsIsExactAtPlusMinus1000() {
        Loss bce = create("bce-logits", ROLES);
        assertThat(one(bce, s(1000, 1))).isEqualTo(0.0);
        assertThat(one(bce, s(1000, 0))).isEqualTo(1000.0);
        assertThat(one(bce, s(-1000, 1))).isEqualTo(1000.0);
        assertThat(one(bce, s(-1000, 0))).isEqualTo(0.0);
        assertThat(one(bce, s(0, 1))).isEqualTo(LOG2);
        // −log σ(40) = log1p(e⁻⁴⁰) ≈ 4.248354255291589e-18, lost by 1 − σ(40) = 0
        assertThat(one(bce, s(40, 1))).isCloseTo(4.248354255291589e-18, within(1e-30));
    }

    @Test
    void bcePosWeightAndLabelSmoothing() {
        // pos-weight 2 at x = 0, y = 1: 2·log 2
        assertThat(one(create("bce-logits", ROLES, "pos-weight", "2"), s(0, 1))).isCloseTo(2 * LOG2, within(1e-15));
        // pos-weight does not touch the negative term: x = 0, y = 0 gives log 2
        assertThat(one(create("bce-logits", ROLES, "pos-weight", "2"), s(0, 0))).isCloseTo(LOG2, within(1e-15));
        // s = 0.2: y = 1 → 0.9; −(0.9·log 0.8 + 0.1·log 0.2) = 0.3617729874261988
        assertThat(one(create("bce", ROLES, "label-smoothing", "0.2"), s(0.8, 1)))
                .isCloseTo(0.3617729874261988, within(1e-15));
    }

    @Test
    void bceInputModesAgree() {
        double x = 0.7;
        double p = 1 / (1 + Math.exp(-x));
        double expected = one(create("bce-logits", ROLES), s(x, 0.3));
        assertThat(one(create("bce", ROLES), s(p, 0.3))).isCloseTo(expected, within(1e-14));
        assertThat(one(create("bce", ROLES, "input", "logits"), s(x, 0.3))).isEqualTo(expected);
        assertThat(one(create("bce", ROLES, "input", "log-probs"), s(Math.log(p), 0.3))).isCloseTo(expected, within(1e-14));
        // log-probs: log p = 0 (p = 1) with y = 0 floors log(1 − p) at −100
        assertThat(one(create("bce", ROLES, "input", "log-probs"), s(0.0, 0))).isEqualTo(100.0);
    }

    @Test
    void bceMultiLabelIsTheMeanOverLabels() {
        // (−log 0.8 − log 0.6)/2 = 0.3669845875401002
        assertThat(one(create("bce", ROLES), v(new double[] {0.8, 0.4}, new double[] {1, 0})))
                .isCloseTo(0.3669845875401002, within(1e-15));
    }

    @Test
    void bceRejectsValuesOutsideTheDomain() {
        Loss bce = create("bce", ROLES);
        assertInvalid(() -> one(bce, s(1.2, 1)), "pred");
        assertInvalid(() -> one(bce, s(-0.1, 1)), "pred");
        assertInvalid(() -> one(bce, s(0.5, 2)), "target");
        assertInvalid(() -> one(bce, s(0.5, -1)), "target");
        assertInvalid(() -> one(create("bce", ROLES, "input", "log-probs"), s(0.1, 1)), "pred");
        assertInvalid(() -> one(bce, v(new double[] {0.1, 0.2}, new double[] {0, 1, 0})), "target");
        // a class index with a vector pred is sklearn's log_loss over rows normalised to sum 1: −log(0.2/0.3)
        assertThat(one(bce, Samples.of("pred", new double[] {0.1, 0.2}, "target", 1.0)))
                .isCloseTo(-Math.log(0.2 / 0.3), within(1e-15));
        assertInvalid(() -> one(bce, Samples.of("pred", new double[] {0.1, 0.2}, "target", 0.5)), "target");
        assertInvalid(() -> one(bce, Samples.of("pred", 0.1, "target", new double[] {1})), "target");
    }

    // --- balanced-bce ------------------------------------------------------------------------

    static final List<Sample> ONE_POSITIVE = List.of(s(0, 1), s(0, 0), s(0, 0), s(0, 0));

    @Test
    void balancedBceTakesBetaFromTheWholeInput() {
        Loss loss = create("balanced-bce", ROLES);
        // β = 3/4 (three negatives of four). At x = 0 both logs are −log 2:
        // ℓ(y=1) = β·log 2, ℓ(y=0) = (1−β)·log 2.
        assertThat(values(loss, ONE_POSITIVE)).containsExactly(
                new double[] {0.75 * LOG2, 0.25 * LOG2, 0.25 * LOG2, 0.25 * LOG2}, within(1e-15));
        assertThat(run(loss, ONE_POSITIVE, Reduction.SUM).value()).isCloseTo(1.5 * LOG2, within(1e-15));
        assertThat(run(loss, ONE_POSITIVE, Reduction.MEAN).value()).isCloseTo(0.375 * LOG2, within(1e-15));
    }

    @Test
    void balancedBceWithHalfBetaIsHalfTheBce() {
        Loss half = create("balanced-bce", ROLES, "beta", "0.5");
        Loss bce = create("bce-logits", ROLES);
        List<Sample> in = List.of(s(1.5, 1), s(-0.3, 0), s(2, 0.4), s(-1000, 1));
        double[] a = values(half, in);
        double[] b = values(bce, in);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(0.5 * b[i], within(1e-13));
        }
    }

    @Test
    void balancedBceMeanDividesByTheNumberOfElements() {
        // Two samples of 2 labels and 1 label, all x = 0; targets 1,0 | 0: β = 2/3.
        // Element terms: (2/3)·log 2, (1/3)·log 2, (1/3)·log 2; mean over 3 elements = (4/9)·log 2.
        List<Sample> in = List.of(v(new double[] {0, 0}, new double[] {1, 0}), v(new double[] {0}, new double[] {0}));
        Loss loss = create("balanced-bce", ROLES);
        assertThat(run(loss, in, Reduction.MEAN).value()).isCloseTo(4.0 / 9 * LOG2, within(1e-15));
        // none: per-sample means (½·(2/3 + 1/3)·log 2, (1/3)·log 2); sum adds those.
        assertThat(values(loss, in)).containsExactly(new double[] {0.5 * LOG2, LOG2 / 3}, within(1e-15));
        assertThat(run(loss, in, Reduction.SUM).value()).isCloseTo(LOG2 * 5 / 6, within(1e-15));
    }

    @Test
    void balancedBceMergedHalvesEqualOnePass() {
        Loss loss = create("balanced-bce", ROLES);
        // the second half holds only negatives: β must come from the merged counts
        List<Sample> in = List.of(s(0.3, 1), s(-1.2, 1), s(2.5, 0), s(0.1, 0));
        Harness.assertMergeEqualsOnePass(loss, in, 2);
    }

    // --- focal -------------------------------------------------------------------------------

    @Test
    void focalHandValues() {
        Loss focal = create("focal", ROLES);
        // x = 0: bce = log 2, 1 − p_t = ½, (½)² = ¼; α_t = 0.25 (y=1) or 0.75 (y=0)
        assertThat(one(focal, s(0, 1))).isCloseTo(0.25 * 0.25 * LOG2, within(1e-16));
        assertThat(one(focal, s(0, 0))).isCloseTo(0.75 * 0.25 * LOG2, within(1e-16));
        // ±1000: a right answer costs 0, a wrong one α_t·1·1000
        assertThat(one(focal, s(1000, 1))).isEqualTo(0.0);
        assertThat(one(focal, s(-1000, 1))).isEqualTo(250.0);
        assertThat(one(focal, s(1000, 0))).isEqualTo(750.0);
        // probabilities 0 and 1: the clamped bce of 100, with (1 − p_t) = 1
        assertThat(one(create("focal", ROLES, "input", "probs"), s(0, 1))).isEqualTo(25.0);
        assertThat(one(create("focal", ROLES, "input", "probs"), s(1, 1))).isEqualTo(0.0);
    }

    @Test
    void focalNegativeAlphaDropsAlphaT() {
        // α < 0, γ = 1 at x = 0, y = 1: ½·log 2
        assertThat(one(create("focal", ROLES, "alpha", "-1", "gamma", "1"), s(0, 1))).isCloseTo(0.5 * LOG2, within(1e-16));
        assertInvalid(() -> one(create("focal", ROLES), s(0, 1.5)), "target");
    }

    // --- hinge, squared-hinge, soft-margin ---------------------------------------------------

    @Test
    void hingeReadsZeroAsMinusOne() {
        Loss hinge = create("hinge", ROLES);
        assertThat(one(hinge, s(0.3, 1))).isCloseTo(0.7, within(1e-15));
        assertThat(one(hinge, s(0.3, -1))).isCloseTo(1.3, within(1e-15));
        assertThat(one(hinge, s(0.3, 0))).isCloseTo(1.3, within(1e-15));
        assertThat(one(hinge, s(2, 1))).isEqualTo(0.0);
        assertThat(one(create("squared-hinge", ROLES), s(0.3, 1))).isCloseTo(0.49, within(1e-15));
        assertThat(one(create("squared-hinge", ROLES), s(0.3, 0))).isCloseTo(1.69, within(1e-15));
        // multi-label: mean of 0.7 and 1.3
        assertThat(one(hinge, v(new double[] {0.3, 0.3}, new double[] {1, 0}))).isCloseTo(1.0, within(1e-15));
        assertInvalid(() -> one(hinge, s(0.3, 0.5)), "target");
        assertInvalid(() -> one(hinge, s(0.3, 2)), "target");
    }

    @Test
    void softMarginIsStableAndNeedsSignLabels() {
        Loss loss = create("soft-margin", ROLES);
        assertThat(one(loss, s(0, 1))).isEqualTo(LOG2);
        assertThat(one(loss, s(1000, -1))).isEqualTo(1000.0);
        assertThat(one(loss, s(1000, 1))).isEqualTo(0.0);
        assertThat(one(loss, s(-1000, -1))).isEqualTo(0.0);
        assertInvalid(() -> one(loss, s(0.5, 0)), "target");
    }
}
