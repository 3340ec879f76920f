package io.losskit.builtin.regression;

import io.losskit.core.Samples;
import static io.losskit.builtin.regression.ElementwiseLossesTest.assertInvalid;
import static io.losskit.builtin.regression.TestReducer.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoissonTest {

    private static double loss(double pred, double target, String... params) {
        return TestReducer.loss(create("poisson", params), Samples.of("pred", pred, "target", target));
    }

    @Test
    void rateInput() {
        // 2 − 3·log(2 + 1e-8) = −0.07944155667983566
        assertThat(loss(2, 3)).isCloseTo(-0.07944155667983566, within(1e-15));
        assertThat(loss(2.5, 0)).isEqualTo(2.5);
        // eps = 0, ŷ = 0, y = 0: 0 − 0·log 0 is taken as 0 (torch: NaN).
        assertThat(loss(0, 0, "eps=0")).isEqualTo(0.0);
        // eps = 0, ŷ = 0, y = 1: −log 0 = +∞.
        assertThat(loss(0, 1, "eps=0")).isEqualTo(Double.POSITIVE_INFINITY);
        // ŷ = 0 with the default eps: −1·log 1e-8 = 18.420680743952367
        assertThat(loss(0, 1)).isCloseTo(18.420680743952367, within(1e-13));
    }

    @Test
    void logInput() {
        // e^0.5 − 2·0.5 = 0.6487212707001282
        assertThat(loss(0.5, 2, "log-input=true")).isCloseTo(0.6487212707001282, within(1e-15));
        assertThat(loss(-3, 0, "log-input=true")).isCloseTo(Math.exp(-3), within(1e-17));
        // A negative pred is a log rate here, not an error.
        assertThat(loss(-1, 1, "log-input=true")).isCloseTo(Math.exp(-1) + 1, within(1e-15));
    }

    @Test
    void fullAddsStirlingOnlyAboveOne() {
        // −0.07944155667983566 + 3·log 3 − 3 + ½·log(6π) = 1.6846399868632211
        assertThat(loss(2, 3, "full=true")).isCloseTo(1.6846399868632211, within(1e-14));
        // 0.6487212707001282 + 2·log 2 − 2 + ½·log(4π) = 1.3005277553046644
        assertThat(loss(0.5, 2, "log-input=true", "full=true")).isCloseTo(1.3005277553046644, within(1e-14));
        assertThat(loss(2, 1, "full=true")).isEqualTo(loss(2, 1));
        assertThat(loss(2, 0.5, "full=true")).isEqualTo(loss(2, 0.5));
    }

    @Test
    void negativeCountsAndRatesAreInputErrors() {
        assertInvalid(() -> loss(1, -1), "target");
        assertInvalid(() -> loss(1, -1, "log-input=true"), "target");
        assertInvalid(() -> loss(-0.5, 1), "pred");
    }
}
