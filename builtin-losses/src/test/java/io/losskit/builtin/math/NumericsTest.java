package io.losskit.builtin.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NumericsTest {

    @Test
    void log1pExpIsExactAtTheExtremes() {
        assertThat(Numerics.log1pExp(1000)).isEqualTo(1000.0);
        assertThat(Numerics.log1pExp(-1000)).isEqualTo(0.0);
        // log(1 + e⁻⁴⁰) = e⁻⁴⁰ to double precision; the naive form rounds it to 0.
        assertThat(Numerics.log1pExp(-40)).isCloseTo(Math.exp(-40), within(1e-30));
        assertThat(Numerics.log1pExp(0)).isEqualTo(Math.log(2));
    }

    @Test
    void sigmoidAndLogSigmoidDoNotOverflow() {
        assertThat(Numerics.sigmoid(-1000)).isEqualTo(0.0);
        assertThat(Numerics.sigmoid(1000)).isEqualTo(1.0);
        assertThat(Numerics.sigmoid(0)).isEqualTo(0.5);
        assertThat(Numerics.logSigmoid(-1000)).isEqualTo(-1000.0);
        assertThat(Numerics.logSigmoid(1000)).isEqualTo(-0.0);
    }

    @Test
    void logSumExpIsMaxShifted() {
        assertThat(Numerics.logSumExp(new double[] {1000, 1000})).isEqualTo(1000 + Math.log(2));
        assertThat(Numerics.logSumExp(new double[] {-1000, -1000})).isEqualTo(-1000 + Math.log(2));
        assertThat(Numerics.logSumExp(new double[] {})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Numerics.logSumExp(new double[] {Double.NEGATIVE_INFINITY, 0})).isEqualTo(0.0);
        assertThat(Numerics.logAddExp(Double.NEGATIVE_INFINITY, -3)).isEqualTo(-3.0);
        assertThat(Numerics.logAddExp(0, 0)).isEqualTo(Math.log(2));
    }

    @Test
    void logSoftmaxSumsToOne() {
        double[] out = Numerics.logSoftmax(new double[] {1, 2, 3}, new double[3]);
        // softmax(1,2,3)₃ = e³/(e+e²+e³) = 1/(e⁻²+e⁻¹+1)
        assertThat(Math.exp(out[2])).isCloseTo(1 / (Math.exp(-2) + Math.exp(-1) + 1), within(1e-15));
        assertThat(Math.exp(out[0]) + Math.exp(out[1]) + Math.exp(out[2])).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void logSoftmaxKeepsTheRelativePrecisionOfAConfidentClass() {
        double[] out = Numerics.logSoftmax(new double[] {10, -5, -6}, new double[3]);
        // −log(1 + e⁻¹⁵ + e⁻¹⁶) = −4.1843740767614062083e-7 (mpmath, 40 digits); 10 − logsumexp
        // loses ~ulp(10)/4e-7 ≈ 4e-9 of it.
        assertThat(out[0]).isCloseTo(-4.1843740767614062083e-7, within(1e-22));
        assertThat(out[1]).isCloseTo(-15.000000418437407676, within(1e-14));
        // Large logits: x − max is exact, so ±1000 works as well as 0.
        double[] big = Numerics.logSoftmax(new double[] {1000, -1000}, new double[2]);
        assertThat(big[0]).isEqualTo(0.0);
        assertThat(big[1]).isEqualTo(-2000.0);
    }

    @Test
    void logCoshAndClampedLog() {
        assertThat(Numerics.logCosh(1000)).isCloseTo(1000 - Math.log(2), within(1e-12));
        assertThat(Numerics.logCosh(0.5)).isCloseTo(Math.log(Math.cosh(0.5)), within(1e-16));
        assertThat(Numerics.logCosh(0)).isEqualTo(0.0);
        assertThat(Numerics.clampedLog(0)).isEqualTo(-100.0);
        assertThat(Numerics.clampedLog(1)).isEqualTo(0.0);
    }

    @Test
    void logCoshIsAccurateNearZeroAndAcrossTheSwitch() {
        // Reference values: mpmath, 50 digits, log(cosh(x)) rounded to double. The |x| + log1p(e^(−2|x|)) − log 2
        // form gives 1.1e-16 at 1e-8 (relative error 1.2) and 5.00000041e-11 at 1e-5.
        assertThat(Numerics.logCosh(1e-8)).isCloseTo(5e-17, within(1e-32));
        assertThat(Numerics.logCosh(-1e-3)).isCloseTo(4.999999166666889e-07, within(1e-22));
        assertThat(Numerics.logCosh(0.999999)).isCloseTo(0.4337800688890812, within(2e-16));
        assertThat(Numerics.logCosh(1.0)).isCloseTo(0.4337808304830272, within(2e-16));
        assertThat(Numerics.logCosh(Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE - Math.log(2));
        assertThat(Numerics.logCosh(Double.NEGATIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
