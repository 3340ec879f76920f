package io.losskit.builtin.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairwiseTest {

    @Test
    void blocksShrinkOnlyForHugeBatches() {
        assertThat(Pairwise.blockSize(7)).isEqualTo(32);
        assertThat(Pairwise.blockSize(20_000)).isEqualTo(32);
        assertThat(Pairwise.blockSize(1_000_000)).isEqualTo(4);   // 2²² / 10⁶
        assertThat(Pairwise.blockSize(100_000_000)).isEqualTo(1);
    }

    @Test
    void blockResultsComeBackInOrderFromEveryThread() {
        List<int[]> ranges = Pairwise.blocks(1000, Long.MAX_VALUE, () -> (from, to) -> new int[] {from, to});
        assertThat(ranges).hasSize(32);
        for (int b = 0; b < ranges.size(); b++) {
            assertThat(ranges.get(b)).containsExactly(b * 32, Math.min(1000, b * 32 + 32));
        }
    }

    @Test
    void aFailingBlockFailsTheBatch() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Pairwise.blocks(1000, Long.MAX_VALUE, () -> (from, to) -> {
            if (from == 320) {
                throw boom;
            }
            return from;
        })).isSameAs(boom);
    }

    @Test
    void kernelsMatchADirectSum() {
        Random r = new Random(1);
        int n = 70;
        int d = 7;   // not a multiple of 4: the tail loop runs
        double[] data = new double[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextGaussian();
        }
        Matrix x = new Matrix(n, d, data);
        double[][] rows = new double[5][n];
        for (double[] row : rows) {
            Arrays.fill(row, -1);
        }
        Pairwise.squaredDistances(x, 10, 15, 12, rows);
        for (int a = 10; a < 15; a++) {
            for (int j = 0; j < n; j++) {
                if (j < 12) {
                    assertThat(rows[a - 10][j]).as("untouched before j0").isEqualTo(-1);
                } else {
                    assertThat(rows[a - 10][j]).isCloseTo(BruteForce.dist(x.row(a), x.row(j), true), within(1e-12));
                }
            }
        }
        Pairwise.dots(x, x, 60, 65, rows);
        for (int a = 60; a < 65; a++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += data[a * d + k] * data[j * d + k];
                }
                assertThat(rows[a - 60][j]).isCloseTo(dot, within(1e-12));
            }
        }
    }
}
