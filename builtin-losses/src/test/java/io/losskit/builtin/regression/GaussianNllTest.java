package io.losskit.builtin.regression;

import io.losskit.core.Samples;
import static io.losskit.builtin.regression.ElementwiseLossesTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.spi.Loss;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GaussianNllTest {

    private static final Set<String> ROLES = Set.of("pred", "target", "var");

    private static Loss gaussian(String... params) {
        Map<String, String> given = new java.util.HashMap<>();
        for (String kv : params) {
            given.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return TestReducer.create("gaussian-nll", given, ROLES);
    }

    private static double loss(Loss loss, Object pred, Object target, Object var) {
        return TestReducer.loss(loss, Samples.of("pred", pred, "target", target, "var", var));
    }

    @Test
    void handChecked() {
        // ŷ = 1, y = 3, v = 4: ½(log 4 + 4/4) = 1.1931471805599454
        assertThat(loss(gaussian(), 1.0, 3.0, 4.0)).isCloseTo(1.1931471805599454, within(1e-15));
        // + ½ log 2π = 2.112085713764618
        assertThat(loss(gaussian("full=true"), 1.0, 3.0, 4.0)).isCloseTo(2.112085713764618, within(1e-15));
        // v = 0 is raised to eps = 1e-6: ½(log 1e-6 + 4/1e-6) = 1999993.092244721
        assertThat(loss(gaussian(), 1.0, 3.0, 0.0)).isCloseTo(1999993.092244721, within(1e-8));
        // v = 0.05 < eps = 0.1: ½(log 0.1 + 0/0.1)
        assertThat(loss(gaussian("eps=0.1"), 2.0, 2.0, 0.05)).isCloseTo(0.5 * Math.log(0.1), within(1e-15));
    }

    @Test
    void vectorsWithAVectorOrASharedVariance() {
        // elements (1, 3, v 4) → 1.1931471805599454 and (2, 2, v 4) → ½ log 4; mean 0.9431471805599454
        double[] p = {1, 2};
        double[] t = {3, 2};
        assertThat(loss(gaussian(), p, t, new double[] {4, 4})).isCloseTo(0.9431471805599454, within(1e-15));
        assertThat(loss(gaussian(), p, t, 4.0)).isCloseTo(0.9431471805599454, within(1e-15));
        // (1, 3, v 1) → ½·4 = 2; (2, 2, v e²) → ½·2 = 1; mean 1.5
        assertThat(loss(gaussian(), p, t, new double[] {1, Math.exp(2)})).isCloseTo(1.5, within(1e-15));
    }

    @Test
    void negativeOrMisshapenVarianceIsAnInputError() {
        assertInvalid(() -> loss(gaussian(), 1.0, 1.0, -0.5), "var");
        assertInvalid(() -> loss(gaussian(), new double[] {1, 2}, new double[] {1, 2}, new double[] {1, -1e-300}),
                "var");
        assertInvalid(() -> loss(gaussian(), new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 1, 1}),
                "var");
        assertInvalid(() -> loss(gaussian(), 1.0, 1.0, new double[] {1}), "var");
        assertInvalid(() -> loss(gaussian(), new double[] {1, 2}, new double[] {1}, new double[] {1, 1}), "target");
    }
}
