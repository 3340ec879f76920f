package io.losskit.core.stats;

import java.util.concurrent.CompletableFuture;

/**
 * The paired approximate randomization test (Noreen 1989; sacrebleu's and Multeval's
 * {@code --paired-ar}) of a difference that is a sum of per-record terms dᵢ = wᵢ(ℓᵢ′ − ℓᵢ): each
 * trial swaps the two systems' values of each record with probability ½, which flips the sign of
 * dᵢ, and the p-value is (1 + #{trials with |Σ ±dᵢ| ≥ |Σ dᵢ|}) / (trials + 1). A mean's common
 * denominator Σw cancels. Unlike sacrebleu, which counts trials strictly above, a trial that
 * ties the observed difference counts, so that a system compared with itself gets p = 1.
 *
 * <p>The signs come from the same kind of counter-based generator as {@link Resampling}, keyed by
 * (seed, group of 8 records, trial), so the p-value does not depend on threads. The records are
 * taken 8 at a time: the 256 signed sums of a group are tabulated once, and each trial adds the
 * one its 8 random bits select, so a trial costs n/8 additions. The work is split by trials over
 * two threads.
 */
public final class Randomization {

    /** sacrebleu's and Multeval's default number of trials. */
    public static final int DEFAULT_TRIALS = 10_000;

    private static final int GROUP = 8;

    private Randomization() {
    }

    /**
     * The p-value of {@code d} (the per-record terms, in record order) over {@code trials} trials;
     * NaN when a term is not finite.
     *
     * @throws IllegalArgumentException when {@code trials} &lt; 1
     */
    public static double pValue(double[] d, int trials, long seed) {
        if (trials < 1) {
            throw new IllegalArgumentException("the number of randomization trials must be at least 1, not " + trials);
        }
        for (double x : d) {
            if (!Double.isFinite(x)) {
                return Double.NaN;
            }
        }
        int words = (trials + 7) / 8;
        int half = words / 2;
        CompletableFuture<double[]> second = CompletableFuture.supplyAsync(() -> statistics(d, seed, half, words));
        double[] first = statistics(d, seed, 0, half);
        double[] rest = second.join();
        double observed = Math.abs(observed(d));
        long atLeast = 0;
        for (int t = 0; t < trials; t++) {
            double s = t < first.length ? first[t] : rest[t - first.length];
            if (Math.abs(s) >= observed) {
                atLeast++;
            }
        }
        return (atLeast + 1.0) / (trials + 1.0);
    }

    /** Σ dᵢ, added in the order the trials add their terms (so a trial that flips nothing equals it exactly). */
    private static double observed(double[] d) {
        double[] table = new double[1 << GROUP];
        double sum = 0;
        for (int g = 0; g * GROUP < d.length; g++) {
            tabulate(d, g, table);
            sum += table[(1 << GROUP) - 1];
        }
        return sum;
    }

    /** Each trial's Σ ±dᵢ for the trials of random words [from, to), 8 trials a word. */
    private static double[] statistics(double[] d, long seed, int from, int to) {
        double[] sums = new double[(to - from) * 8];
        double[] table = new double[1 << GROUP];
        Resampling keys = new Resampling(1, seed);
        for (int g = 0; g * GROUP < d.length; g++) {
            tabulate(d, g, table);
            long key = keys.key(g);
            for (int q = from, t = 0; q < to; q++) {
                long x = Resampling.bits(key, q);
                for (int b = 0; b < 8; b++, t++, x >>>= 8) {
                    sums[t] += table[(int) (x & 0xFF)];
                }
            }
        }
        return sums;
    }

    /** {@code table[m]} = Σ over group g's records j of (bit j of m ? +dⱼ : −dⱼ); records past the end count 0. */
    private static void tabulate(double[] d, int g, double[] table) {
        double all = 0;
        int base = g * GROUP;
        for (int j = 0; j < GROUP && base + j < d.length; j++) {
            all -= d[base + j];
        }
        table[0] = all;
        for (int m = 1; m < table.length; m++) {
            int low = Integer.numberOfTrailingZeros(m);
            double dj = base + low < d.length ? d[base + low] : 0;
            table[m] = table[m & (m - 1)] + 2 * dj;
        }
    }
}
