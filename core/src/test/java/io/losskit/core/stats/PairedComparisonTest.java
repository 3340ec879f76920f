package io.losskit.core.stats;

import static io.losskit.core.stats.TestLosses.RATIO;
import static io.losskit.core.stats.TestLosses.VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.core.Evaluator;
import io.losskit.core.Samples;
import io.losskit.spi.Reduction;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Paired bootstrap and approximate randomization: extremes, and a plain reference on small inputs. */
class PairedComparisonTest {

    private static final Evaluator MEAN = Evaluator.of(VALUE, Reduction.MEAN, 0);

    private static PairedComparison compare(Evaluator e, double[] base, double[] cand, double[] w, Resampling rs,
                                            int trials, int from, int to) {
        PairedComparison c = new PairedComparison(e, rs, trials);
        for (int i = from; i < to; i++) {
            c.add(i, Samples.of("pred", base[i], "target", 1.0), Samples.of("pred", cand[i], "target", 1.0), w[i]);
        }
        return c;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    @Test
    void aModelComparedWithItselfHasPOne() {
        Random rnd = new Random(1);
        double[] x = rnd.doubles(500).toArray();
        ComparisonResult r = compare(MEAN, x, x, ones(500), new Resampling(1000, 12345), 10_000, 0, 500).finish(95);
        assertThat(r.difference()).isZero();
        assertThat(r.bootstrapP()).isEqualTo(1.0);
        assertThat(r.randomizationP()).isEqualTo(1.0);
        assertThat(r.trials()).isEqualTo(10_000);
        assertThat(r.interval().low()).isZero();
        assertThat(r.interval().high()).isZero();
    }

    @Test
    void aClearlyBetterModelHasASmallP() {
        // per-record losses: the candidate's are the baseline's less 0.1 ± 0.05, on losses of spread 1
        Random rnd = new Random(2);
        int n = 500;
        double[] base = new double[n];
        double[] cand = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = 1 + rnd.nextGaussian();
            cand[i] = base[i] - 0.1 + 0.05 * rnd.nextGaussian();
        }
        ComparisonResult r = compare(MEAN, base, cand, ones(n), new Resampling(1000, 12345), 10_000, 0, n).finish(95);
        assertThat(r.difference()).isCloseTo(-0.1, within(0.01));
        assertThat(r.bootstrapP()).isLessThan(0.01);
        assertThat(r.randomizationP()).isLessThan(0.01);
        assertThat(r.interval().high()).isLessThan(0);
        // and a difference that is noise: p well above 0.05
        double[] noisy = new double[n];
        for (int i = 0; i < n; i++) {
            noisy[i] = base[i] + 0.5 * rnd.nextGaussian();
        }
        ComparisonResult nr = compare(MEAN, base, noisy, ones(n), new Resampling(1000, 12345), 10_000, 0, n).finish(95);
        assertThat(nr.interval().low()).isLessThan(nr.difference()).isLessThan(nr.interval().high());
    }

    /**
     * Whole-number losses and weights, so that every sum is exact and the reference, written
     * plainly, must give the very same p-values: trial t flips record i when bit i mod 8 of byte
     * t mod 8 of word t / 8 of record i's group (i / 8) is clear.
     */
    @Test
    void pValuesAndIntervalEqualAPlainReference() {
        Random rnd = new Random(3);
        int n = 45;
        double[] base = new double[n];
        double[] cand = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = rnd.nextInt(10);
            cand[i] = base[i] - rnd.nextInt(3) + 1;
            w[i] = 1 + rnd.nextInt(3);
        }
        Resampling rs = new Resampling(200, 77);
        int trials = 501;
        ComparisonResult r = compare(Evaluator.of(VALUE, Reduction.SUM, 0), base, cand, w, rs, trials, 0, n).finish(90);

        double observed = 0;
        for (int i = 0; i < n; i++) {
            observed += w[i] * (cand[i] - base[i]);
        }
        long atLeast = 0;
        Resampling keys = new Resampling(1, 77);
        for (int t = 0; t < trials; t++) {
            double stat = 0;
            for (int i = 0; i < n; i++) {
                long word = Resampling.bits(keys.key(i / 8), t / 8);
                boolean keep = (word >>> (8 * (t % 8) + i % 8) & 1) == 1;
                stat += (keep ? 1 : -1) * w[i] * (cand[i] - base[i]);
            }
            if (Math.abs(stat) >= Math.abs(observed)) {
                atLeast++;
            }
        }
        assertThat(r.randomizationP()).isEqualTo((atLeast + 1.0) / (trials + 1.0));

        double[] deltas = new double[rs.resamples()];
        for (int k = 0; k < deltas.length; k++) {
            for (int i = 0; i < n; i++) {
                deltas[k] += rs.weight(i, k) * w[i] * (cand[i] - base[i]);
            }
        }
        double mean = Arrays.stream(deltas).sum() / deltas.length;
        long beyond = 0;
        for (double d : deltas) {
            if (Math.abs(d - mean) >= Math.abs(observed)) {
                beyond++;
            }
        }
        assertThat(r.difference()).isEqualTo(observed);
        assertThat(r.bootstrapP()).isEqualTo((beyond + 1.0) / (deltas.length + 1.0));
        double[] sorted = deltas.clone();
        Arrays.sort(sorted);
        double h = 199 * 0.05;
        // the quantile's position (n − 1)·q is itself rounded: equal to within that
        assertThat(r.interval().low()).isCloseTo(sorted[9] + (h - 9) * (sorted[10] - sorted[9]), within(1e-9));
        assertThat(r.interval().level()).isEqualTo(90);
    }

    @Test
    void aSplitComparisonMergesIntoTheOnePassOne() {
        Random rnd = new Random(4);
        int n = 2000;
        double[] base = rnd.doubles(n).toArray();
        double[] cand = rnd.doubles(n).toArray();
        Resampling rs = new Resampling(300, 12345);
        ComparisonResult one = compare(MEAN, base, cand, ones(n), rs, 2000, 0, n).finish(95);
        PairedComparison a = compare(MEAN, base, cand, ones(n), rs, 2000, 0, 777);
        a.merge(compare(MEAN, base, cand, ones(n), rs, 2000, 777, n));
        assertThat(a.finish(95)).usingRecursiveComparison().isEqualTo(one);
    }

    @Test
    void anAggregateLossGetsTheBootstrapButNoRandomization() {
        Random rnd = new Random(5);
        double[] base = rnd.doubles(300).toArray();
        ComparisonResult r = compare(Evaluator.of(RATIO, Reduction.MEAN, 0), base, base, ones(300),
                new Resampling(100, 1), 10_000, 0, 300).finish(95);
        assertThat(r.bootstrapP()).isEqualTo(1.0);
        assertThat(r.randomizationP()).isNaN();
        assertThat(r.trials()).isZero();
    }
}
