package io.losskit.core.stats;

/**
 * The Poisson bootstrap's weights: record {@code i} appears {@code k} times in replicate
 * {@code r}, k ~ Poisson(1), drawn from a counter-based generator keyed by (seed, i, r). A
 * weight depends on nothing else, so replicates come out the same however the input is split
 * across threads, chunks or machines, and in whatever order the parts are merged. This is the
 * streaming form of the bootstrap that TensorFlow Model Analysis uses: n draws with replacement
 * give each record a Binomial(n, 1/n) count, which tends to Poisson(1).
 *
 * <p>Each 64-bit hash (the SplitMix64 finaliser of a Weyl sequence, as {@code SplittableRandom}
 * mixes) gives two 32-bit uniforms, and each uniform a count by the inverse of Poisson(1)'s
 * distribution function, tabulated to 2⁻³²: probabilities are exact to about 2·10⁻¹⁰.
 *
 * @param resamples replicates per record (the bootstrap's B), ≥ 1
 * @param seed the generator's key
 */
public record Resampling(int resamples, long seed) {

    /** sacrebleu's seed, the default of {@code --seed}. */
    public static final long DEFAULT_SEED = 12345;

    /** The default number of resamples (sacrebleu's and TFMA's). */
    public static final int DEFAULT_RESAMPLES = 1000;

    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** {@code CDF[k]} = ⌊P(K ≤ k) · 2³²⌋; the count of a uniform u is the first k with u < CDF[k]. */
    private static final long[] CDF = cdf();

    public Resampling {
        if (resamples < 1) {
            throw new IllegalArgumentException("the number of resamples must be at least 1, not " + resamples);
        }
    }

    private static long[] cdf() {
        // Up to the first k whose tail P(K > k) is below 2⁻³³, where the table ends at 2³².
        long[] c = new long[16];
        double p = Math.exp(-1);
        double f = 0;
        int k = 0;
        while (1 - f - p >= 0x1p-33) {
            f += p;
            c[k] = (long) Math.floor(f * 0x1p32);
            k++;
            p /= k;
        }
        c[k] = 1L << 32;
        return java.util.Arrays.copyOf(c, k + 1);
    }

    /** The generator's state for record {@code ordinal}: every draw of that record derives from it. */
    long key(long ordinal) {
        return mix(mix(seed * GOLDEN + 0x632BE59BD9B4E019L) ^ (ordinal + 1) * GOLDEN);
    }

    /** The {@code j}-th hash of the record whose key is {@code key}: uniforms for replicates 2j and 2j + 1. */
    static long bits(long key, long j) {
        return mix(key + (j + 1) * GOLDEN);
    }

    /** The count of every uniform whose top 12 bits are the index, or -1 where the bucket holds a step of the CDF. */
    private static final byte[] TOP = top();

    private static byte[] top() {
        byte[] t = new byte[1 << 12];
        for (int m = 0; m < t.length; m++) {
            long lo = (long) m << 20;
            int k = search(lo);
            t[m] = (byte) (k == search(lo + (1 << 20) - 1) ? k : -1);
        }
        return t;
    }

    private static int search(long u) {
        int k = 0;
        while (u >= CDF[k]) {
            k++;
        }
        return k;
    }

    /** The Poisson(1) count of a uniform 32-bit integer {@code u} (0 ≤ u < 2³²). */
    static int count(long u) {
        // One table look-up, except in the 12 of 4096 buckets where the distribution function steps.
        int k = TOP[(int) (u >>> 20)];
        return k >= 0 ? k : search(u);
    }

    /** How many times record {@code ordinal} is in replicate {@code r} (0 ≤ r &lt; resamples). */
    public int weight(long ordinal, int r) {
        if (r < 0 || r >= resamples) {
            throw new IndexOutOfBoundsException(r);
        }
        long x = bits(key(ordinal), r >>> 1);
        return count((r & 1) == 0 ? x >>> 32 : x & 0xFFFFFFFFL);
    }

    /** Every replicate's count of record {@code ordinal}, into {@code counts[0 … resamples)}. */
    public void weights(long ordinal, byte[] counts) {
        long key = key(ordinal);
        int r = 0;
        for (long j = 0; r + 1 < resamples; j++, r += 2) {
            long x = bits(key, j);
            counts[r] = (byte) count(x >>> 32);
            counts[r + 1] = (byte) count(x & 0xFFFFFFFFL);
        }
        if (r < resamples) {
            counts[r] = (byte) count(bits(key, r >>> 1) >>> 32);
        }
    }

    /** SplitMix64's finaliser (Stafford's Mix13). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
