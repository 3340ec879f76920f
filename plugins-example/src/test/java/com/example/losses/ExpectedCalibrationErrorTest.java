package com.example.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.Samples;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import io.losskit.testkit.LossHarness;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Expected values by hand, and checked with numpy (bins by searchsorted over b/M, side='right',
 * clipped to M − 1).
 */
class ExpectedCalibrationErrorTest {

    private static final double[] P = {0.1, 0.4, 0.35, 0.8, 0.95, 0.62};
    private static final int[] Y = {0, 0, 1, 1, 1, 0};

    private static final double[][] PROBS = {{0.7, 0.2, 0.1}, {0.3, 0.6, 0.1}, {0.25, 0.25, 0.5}, {0.9, 0.05, 0.05}};
    private static final int[] CLASSES = {0, 2, 2, 0};

    private static Evaluator evaluator(Map<String, String> params) {
        return LossHarness.evaluator(new ExpectedCalibrationError(), params, Set.of("pred", "target", "weight"),
                Reduction.MEAN, 0);
    }

    /** An empty state of ece, evaluated as losskit evaluates it. */
    private static LossState accumulator(Map<String, String> params) {
        return evaluator(params).newState();
    }

    private static LossResult binary(Map<String, String> params, int from, int to) {
        LossState acc = accumulator(params);
        for (int i = from; i < to; i++) {
            acc.add(Samples.of("pred", P[i], "target", (double) Y[i]), 1.0);
        }
        return acc.finish();
    }

    @Test
    void binaryByHand() {
        // M = 5 bins of width 0.2: b0 {0.1: y 0}, b1 {0.35: 1}, b2 {0.4: 0}, b3 {0.62: 0}, b4 {0.8: 1, 0.95: 1}.
        // Gaps 0.1, 0.65, 0.4, 0.62 (one sample each) and |1 − 0.875| = 0.125 (two samples):
        // ECE = (0.1 + 0.65 + 0.4 + 0.62)/6 + 2·0.125/6 = 2.02/6.
        LossResult r = binary(Map.of("bins", "5"), 0, P.length);
        assertThat(r.value()).isCloseTo(2.02 / 6, within(1e-15));
        assertThat(r.count()).isEqualTo(6);
        assertThat(r.details()).containsEntry("empty-bins", 0L);
        // l2: √((0.1² + 0.65² + 0.4² + 0.62²)/6 + 2·0.125²/6) = √(1.00815/6) = 0.4099085263811916 (numpy)
        assertThat(binary(Map.of("bins", "5", "norm", "l2"), 0, P.length).value()).isCloseTo(0.4099085263811916, within(1e-15));
        assertThat(binary(Map.of("bins", "5", "norm", "max"), 0, P.length).value()).isCloseTo(0.65, within(1e-15));
    }

    @Test
    void topLabelForClassProbabilities() {
        // Confidences 0.7 (right), 0.6 (wrong: argmax 1, class 2), 0.5 (right), 0.9 (right).
        LossState ten = accumulator(Map.of("bins", "10"));
        LossState two = accumulator(Map.of("bins", "2"));
        for (int i = 0; i < PROBS.length; i++) {
            ten.add(Samples.of("pred", PROBS[i], "target", (double) CLASSES[i]), 1.0);
            two.add(Samples.of("pred", PROBS[i], "target", (double) CLASSES[i]), 1.0);
        }
        // Ten bins: one sample each in b5, b6, b7, b9: gaps 0.5, 0.6, 0.3, 0.1 → mean 0.375; 6 bins empty.
        LossResult r = ten.finish();
        assertThat(r.value()).isCloseTo(0.375, within(1e-15));
        assertThat(r.details()).containsEntry("empty-bins", 6L);
        // Two bins: all in [0.5, 1]: |3/4 − 0.675| = 0.075.
        assertThat(two.finish().value()).isCloseTo(0.075, within(1e-15));
    }

    @Test
    void weightsCountLikeRepeatedSamples() {
        LossState weighted = accumulator(Map.of("bins", "5"));
        LossState repeated = accumulator(Map.of("bins", "5"));
        for (int i = 0; i < P.length; i++) {
            weighted.add(Samples.of("pred", P[i], "target", (double) Y[i]), i + 1.0);
            for (int r = 0; r <= i; r++) {
                repeated.add(Samples.of("pred", P[i], "target", (double) Y[i]), 1.0);
            }
        }
        assertThat(weighted.finish().value()).isCloseTo(repeated.finish().value(), within(1e-15));
    }

    @Test
    void mergedPartsEqualOnePass() {
        LossState first = accumulator(Map.of("bins", "5"));
        LossState second = accumulator(Map.of("bins", "5"));
        for (int i = 0; i < P.length; i++) {
            (i < 2 ? first : second).add(Samples.of("pred", P[i], "target", (double) Y[i]), 1.0);
        }
        first.merge(evaluator(Map.of("bins", "5")).decode(second.encode())); // as shipped from another machine
        LossResult merged = first.finish();
        LossResult whole = binary(Map.of("bins", "5"), 0, P.length);
        assertThat(merged.value()).isEqualTo(whole.value());
        assertThat(merged.count()).isEqualTo(whole.count());
    }

    @Test
    void binsFollowTheirDefinitionAtEveryEdge() {
        for (int m = 1; m <= 40; m++) {
            for (int b = 0; b <= m; b++) {
                double edge = (double) b / m;
                assertThat(ExpectedCalibrationError.Bins.bin(edge, m)).as("c = %d/%d", b, m).isEqualTo(Math.min(b, m - 1));
                double below = Math.nextDown(edge);
                if (b > 0) {
                    assertThat(ExpectedCalibrationError.Bins.bin(below, m)).as("just below %d/%d", b, m).isEqualTo(b - 1);
                }
            }
        }
        assertThat(ExpectedCalibrationError.Bins.bin(0.3, 10)).isEqualTo(3); // 0.3·10 = 3.0000000000000004
    }

    @Test
    void badValuesNameTheirRole() {
        LossState acc = accumulator(Map.of());
        assertThatThrownBy(() -> acc.add(Samples.of("pred", 1.2, "target", 1.0), 1.0))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("outside [0, 1]")
                .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("pred");
        assertThatThrownBy(() -> acc.add(Samples.of("pred", 0.2, "target", 2.0), 1.0))
                .isInstanceOf(InvalidSampleException.class)
                .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("target");
        assertThatThrownBy(() -> acc.add(Samples.of("pred", new double[] {0.5, 0.5}, "target", 3.0), 1.0))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("out of range [0, 2)");
    }

    @Test
    void onlyTheMeanReduction() {
        assertThat(new ExpectedCalibrationError().descriptor().reductions()).containsExactly(Reduction.MEAN);
    }
}
