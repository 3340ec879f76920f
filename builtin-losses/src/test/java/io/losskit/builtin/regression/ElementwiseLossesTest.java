package io.losskit.builtin.regression;

import io.losskit.core.Samples;
import static io.losskit.builtin.regression.TestReducer.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import org.junit.jupiter.api.Test;

/** Hand-checked values and edge cases of the element-wise regression losses. */
class ElementwiseLossesTest {

    private static double loss(String id, double pred, double target, String... params) {
        return TestReducer.loss(create(id, params), Samples.of("pred", pred, "target", target));
    }

    private static double loss(String id, double[] pred, double[] target, String... params) {
        return TestReducer.loss(create(id, params), Samples.of("pred", pred, "target", target));
    }

    @Test
    void squaredAbsoluteAndSignedErrors() {
        // ŷ = 3, y = 1: d = 2.
        assertThat(loss("mse", 3, 1)).isEqualTo(4.0);
        assertThat(loss("mae", 3, 1)).isEqualTo(2.0);
        assertThat(loss("me", 3, 1)).isEqualTo(2.0);
        assertThat(loss("bias", 1, 3)).isEqualTo(-2.0);
        assertThat(loss("mae", 1, 3)).isEqualTo(2.0);
        // Vectors: the mean over the elements. d = (1, 2, −3): d² = 1, 4, 9 → 14/3; |d| → 2; d → 0.
        double[] p = {1, 2, -3};
        double[] t = {0, 0, 0};
        assertThat(loss("mse", p, t)).isCloseTo(14.0 / 3, within(1e-15));
        assertThat(loss("mae", p, t)).isEqualTo(2.0);
        assertThat(loss("me", p, t)).isEqualTo(0.0);
    }

    @Test
    void elementSumsAreCompensated() {
        // d = (1e16, 1 × 1000, −1e16): Σd = 1000 exactly; a plain loop loses every 1 against 1e16 and gives 0.
        double[] p = new double[1002];
        java.util.Arrays.fill(p, 1.0);
        p[0] = 1e16;
        p[1001] = -1e16;
        assertThat(loss("me", p, new double[1002])).isCloseTo(1000.0 / 1002, within(1e-15));
    }

    @Test
    void mapeIsInPercentWithAFloorOnTheTarget() {
        assertThat(loss("mape", 3, 1)).isEqualTo(200.0);           // 100·2/1
        assertThat(loss("mape", -3, -4)).isEqualTo(25.0);          // 100·1/|−4|
        assertThat(loss("mape", 1e-7, 0)).isCloseTo(100.0, within(1e-12));  // 100·1e-7/max(0, 1e-7)
        assertThat(loss("mape", 1, 0, "epsilon=0.5")).isEqualTo(200.0);     // 100·1/0.5
        assertThat(loss("mape", 2, 2)).isEqualTo(0.0);
    }

    @Test
    void msleAndItsDomain() {
        // (log1p 3 − log1p 1)² = (log 4 − log 2)² = (log 2)² = 0.4804530139182014
        assertThat(loss("msle", 3, 1)).isCloseTo(0.4804530139182014, within(1e-16));
        assertThat(loss("msle", -0.5, -0.5)).isEqualTo(0.0);
        // log1p(−0.5) − log1p(0) = −log 2
        assertThat(loss("msle", -0.5, 0)).isCloseTo(0.4804530139182014, within(1e-16));
        assertInvalid(() -> loss("msle", -1, 1), "pred");
        assertInvalid(() -> loss("msle", 1, -1), "target");
        assertInvalid(() -> loss("msle", 1, -2.5), "target");
        assertInvalid(() -> loss("msle", new double[] {0, 1}, new double[] {0, -7}), "target");
    }

    @Test
    void huberQuadraticThenLinear() {
        assertThat(loss("huber", 0.5, 0)).isEqualTo(0.125);        // ½·0.25
        assertThat(loss("huber", 3, 1)).isEqualTo(1.5);            // 1·(2 − ½)
        assertThat(loss("huber", -1, 0)).isEqualTo(0.5);           // |d| = δ: both branches give ½δ²
        assertThat(loss("huber", 3, 1, "delta=0.5")).isEqualTo(0.875); // 0.5·(2 − 0.25)
        assertThat(loss("huber", 3, 1, "delta=2.5")).isEqualTo(2.0);   // ½·4
        assertThat(loss("huber", 0, 0)).isEqualTo(0.0);
        // A huge error stays finite in the linear branch: 1·(1e200 − ½) = 1e200; ½d² would overflow.
        assertThat(loss("huber", 1e200, -1e200)).isEqualTo(2e200);
        assertThat(loss("huber", 1e300, 0, "delta=1e10")).isEqualTo(1e10 * (1e300 - 5e9));
    }

    @Test
    void smoothL1AndItsBetaZeroCase() {
        assertThat(loss("smooth-l1", 0.5, 0)).isEqualTo(0.125);    // ½·0.25/1
        assertThat(loss("smooth-l1", 3, 1)).isEqualTo(1.5);        // 2 − ½
        assertThat(loss("smooth-l1", 1, 0, "beta=2")).isEqualTo(0.25);  // ½·1/2
        assertThat(loss("smooth-l1", 3, 0, "beta=2")).isEqualTo(2.0);   // 3 − 1
        assertThat(loss("smooth-l1", 0.5, 0, "beta=0")).isEqualTo(0.5); // |d|
        assertThat(loss("smooth-l1", -1e-300, 0, "beta=0")).isEqualTo(1e-300);
        assertThat(loss("smooth-l1", 0, 0, "beta=0")).isEqualTo(0.0);
        assertThat(loss("smooth-l1", 1e300, -1e300)).isEqualTo(2e300);
    }

    @Test
    void huberIsDeltaTimesSmoothL1WithBetaDelta() {
        for (double d : new double[] {-7, -0.3, 0, 0.01, 0.7, 0.75, 2, 40}) {
            assertThat(loss("huber", d, 0, "delta=0.75"))
                    .isCloseTo(0.75 * loss("smooth-l1", d, 0, "beta=0.75"), within(1e-14));
        }
    }

    @Test
    void logCoshNeverOverflowsAndIsExactNearZero() {
        assertThat(loss("log-cosh", 3, 1)).isCloseTo(1.3250027473578645, within(1e-15)); // log cosh 2
        assertThat(loss("log-cosh", 1, 3)).isCloseTo(1.3250027473578645, within(1e-15));
        assertThat(loss("log-cosh", 0, 0)).isEqualTo(0.0);
        // cosh 800 overflows a double; log cosh 800 = 800 − log 2 = 799.3068528194401
        assertThat(loss("log-cosh", 800, 0)).isCloseTo(799.3068528194401, within(1e-12));
        assertThat(loss("log-cosh", 1e300, 0)).isEqualTo(1e300);
        // log cosh 1e-5 = 4.9999999999166676e-11 (mpmath)
        assertThat(loss("log-cosh", 1e-5, 0)).isCloseTo(4.9999999999166676e-11, within(1e-25));
    }

    @Test
    void quantileWeighsUnderAndOverPrediction() {
        assertThat(loss("quantile", 3, 1)).isEqualTo(1.0);           // ½·|2|
        assertThat(loss("pinball", 1, 3)).isEqualTo(1.0);
        assertThat(loss("quantile", 3, 1, "q=0.9")).isCloseTo(0.2, within(1e-15)); // over: (1 − 0.9)·2
        assertThat(loss("quantile", 1, 3, "q=0.9")).isCloseTo(1.8, within(1e-15)); // under: 0.9·2
        assertThat(loss("quantile", 1, 1, "q=0.1")).isEqualTo(0.0);
    }

    @Test
    void shrinkageDampsSmallErrors() {
        // l = 2: 4/(1 + e^(10·(0.2 − 2))) = 3.999999939080082
        assertThat(loss("shrinkage", 3, 1)).isCloseTo(3.999999939080082, within(1e-15));
        // l = 0.1: 0.01/(1 + e^1) = 0.002689414213699951
        assertThat(loss("shrinkage", 0.1, 0)).isCloseTo(0.002689414213699951, within(1e-17));
        assertThat(loss("shrinkage", 2, 0, "a=0")).isEqualTo(2.0);   // l²/2
        assertThat(loss("shrinkage", 0, 0)).isEqualTo(0.0);
        // a = 1e4, l = 1e-3: e^(a(c − l)) = e^1990 overflows; the factor σ(−1990) underflows to 0 cleanly.
        assertThat(loss("shrinkage", 1e-3, 0, "a=1e4")).isEqualTo(0.0);
        // l = 0.2 = c: the factor is exactly ½ whatever a is: 0.04/2
        assertThat(loss("shrinkage", 0.2, 0, "a=1e6")).isCloseTo(0.02, within(1e-17));
        assertThat(loss("shrinkage", 1e100, 0)).isEqualTo(1e200);
    }

    @Test
    void shapesMustAgree() {
        Loss mse = create("mse");
        assertInvalid(() -> TestReducer.loss(mse, Samples.of("pred", new double[] {1, 2, 3},
                "target", new double[] {1, 2})), "target");
        assertInvalid(() -> TestReducer.loss(mse, Samples.of("pred", new double[] {1}, "target", 1.0)), "target");
        assertInvalid(() -> TestReducer.loss(mse, Samples.of("pred", 1.0, "target", new double[] {1})), "target");
        assertInvalid(() -> TestReducer.loss(mse, Samples.of("pred", new double[0], "target", new double[0])),
                "pred");
    }

    static void assertInvalid(Runnable r, String role) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidSampleException.class,
                e -> assertThat(e.role()).isEqualTo(role));
    }
}
