package io.losskit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Poisson(1) counts: their distribution, the inverse CDF at its steps, bulk against single draws. */
class ResamplingTest {

    /** ⌊P(K ≤ k)·2³²⌋ for K ~ Poisson(1), summed plainly. */
    private static long step(int k) {
        double f = 0;
        double p = Math.exp(-1);
        for (int j = 0; j <= k; j++) {
            f += p;
            p /= j + 1;
        }
        return (long) Math.floor(f * 0x1p32);
    }

    @Test
    void theInverseCdfStepsWhereTheDistributionFunctionDoes() {
        for (int k = 0; k <= 8; k++) {
            assertThat(Resampling.count(step(k) - 1)).as("just below step %d", k).isEqualTo(k);
            assertThat(Resampling.count(step(k))).as("at step %d", k).isEqualTo(k + 1);
        }
        assertThat(Resampling.count(0)).isZero();
        // P(K > 12) < 2⁻³³: the table ends there
        assertThat(Resampling.count((1L << 32) - 1)).isEqualTo(12);
    }

    @Test
    void countsFollowPoissonOne() {
        Resampling rs = new Resampling(500, 12345);
        byte[] c = new byte[500];
        long[] freq = new long[16];
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (long i = 0; i < 2000; i++) {
            rs.weights(i, c);
            for (byte k : c) {
                freq[k]++;
                sum += k;
                squares += k * k;
                n++;
            }
        }
        double p = Math.exp(-1);
        for (int k = 0; k <= 5; k++) {
            double sd = Math.sqrt(p * (1 - p) / n);
            // 5 standard deviations of a binomial proportion: a fixed seed, so this either always passes or never
            assertThat(freq[k] / (double) n).as("P(K = %d)", k).isCloseTo(p, within(5 * sd + 1e-9));
            p /= k + 1;
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(1.0, within(0.005));
        assertThat(squares / n - mean * mean).isCloseTo(1.0, within(0.01));
    }

    @Test
    void bulkDrawsAreTheSingleOnesAndDependOnSeedAndOrdinal() {
        Resampling rs = new Resampling(7, 3);
        byte[] c = new byte[7];
        int same = 0;
        for (long i = 0; i < 1000; i++) {
            rs.weights(i, c);
            for (int r = 0; r < 7; r++) {
                assertThat(c[r]).isEqualTo((byte) rs.weight(i, r));
                if (rs.weight(i, r) == new Resampling(7, 4).weight(i, r)) {
                    same++;
                }
            }
        }
        // independent counts agree with probability Σ P(K = k)² ≈ 0.3085
        assertThat(same / 7000.0).isCloseTo(0.3085, within(0.03));
        assertThatThrownBy(() -> new Resampling(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rs.weight(0, 7)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
