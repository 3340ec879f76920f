package io.losskit.builtin.metric;

/**
 * Rank queries on a sorted array v[0..m): how many elements are ≤ x (or &lt; x), in O(1) expected
 * time. The range [v₀, v_{m−1}] is cut into 16m equal-width bins, so that most queries land in an
 * empty bin and compare nothing, and start[B] counts the elements whose bin is below B. The bin
 * function is monotone (a subtraction, a multiplication and a truncation, each monotone in
 * floating point), so an element in a lower bin than x is below x and one in a higher bin is
 * above it, whatever the rounding: only the elements sharing x's bin are compared, and the answer
 * is exact. Reusable: {@link #reset} keeps the arrays.
 */
final class SortedRanks {

    /** Above this many elements in x's bin, the bin is searched by bisection. */
    private static final int LINEAR = 8;

    private double[] v;
    private int m;
    private double lo;
    private double scale;
    private int bins;
    private int[] start = new int[0];

    /** Indexes sorted[0..m), which must stay unchanged while queried. */
    void reset(double[] sorted, int m) {
        this.v = sorted;
        this.m = m;
        this.bins = Math.max(1, 16 * m);
        if (start.length < bins + 1) {
            start = new int[bins + 1];
        }
        this.lo = m == 0 ? 0 : sorted[0];
        double width = m == 0 ? 0 : sorted[m - 1] - lo;
        double s = bins / width;
        this.scale = width > 0 && Double.isFinite(s) ? s : 0.0;
        int k = 0;
        for (int b = 0; b <= bins; b++) {
            while (k < m && bin(sorted[k]) < b) {
                k++;
            }
            start[b] = k;
        }
    }

    private int bin(double x) {
        int b = (int) ((x - lo) * scale);
        return b < 0 ? 0 : Math.min(b, bins - 1);
    }

    /** How many elements are ≤ x. */
    int atMost(double x) {
        int b = bin(x);
        int k = start[b];
        int end = start[b + 1];
        if (end - k > LINEAR) {
            return k + TripletMining.countAtMost(v, k, end, x);
        }
        while (k < end && v[k] <= x) {
            k++;
        }
        return k;
    }

    /** How many elements are &lt; x. */
    int below(double x) {
        int b = bin(x);
        int k = start[b];
        int end = start[b + 1];
        if (end - k > LINEAR) {
            return k + TripletMining.countBelow(v, k, end, x);
        }
        while (k < end && v[k] < x) {
            k++;
        }
        return k;
    }
}
