package io.losskit.builtin.metric;

import java.util.Arrays;

/**
 * Sorts m values and answers rank queries on them: how many are ≤ x (or &lt; x), in O(1)
 * expected time.
 *
 * <p>The range [min, max] is cut into equal-width bins by a monotone bin function (a
 * subtraction, a multiplication and a truncation, each monotone in floating point): a value in a
 * lower bin than another is smaller, whatever the rounding. So a bucket sort by bin, each bin
 * then sorted on its own, sorts the values in O(m + bins) expected time, and start[B], the number
 * of values in bins below B, answers a query for x up to the values sharing x's bin, which alone
 * are compared. The answer is exact. There are between m and 16m bins, about 2√(m·queries): more
 * bins make queries land in empty bins (no comparison, no mispredicted branch), fewer make the
 * index cheaper. Reusable: {@link #index} keeps the arrays.
 */
final class SortedRanks {

    /** Above this many values in x's bin, the bin is searched by bisection. */
    private static final int LINEAR = 8;
    /** Above this many values in a bin, it is sorted by Arrays.sort rather than by insertion. */
    private static final int INSERTION = 32;

    private double[] v = new double[0];
    private int m;
    private double lo;
    private double scale;
    private int bins;
    private int[] start = new int[0];

    /**
     * Sorts values[0..m) (left unchanged) into this index.
     *
     * @param queries about how many queries will follow, to size the bins
     */
    void index(double[] values, int m, long queries) {
        this.m = m;
        if (v.length < m) {
            v = new double[Math.max(m, 2 * v.length)];
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        long balanced = (long) (2 * Math.sqrt((double) m * Math.max(queries, 1)));
        this.bins = (int) Math.max(1, Math.min(16L * m, Math.max(m, balanced)));
        if (start.length < bins + 2) {
            start = new int[Math.max(bins + 2, 2 * start.length)];
        }
        this.lo = m == 0 ? 0 : min;
        double width = max - min;
        double s = bins / width;
        this.scale = m > 0 && width > 0 && Double.isFinite(s) ? s : 0.0;
        // Counting sort by bin: start[B + 1] counts bin B, then prefix sums give each bin's start.
        Arrays.fill(start, 0, bins + 2, 0);
        for (int i = 0; i < m; i++) {
            start[bin(values[i]) + 1]++;
        }
        for (int b = 0; b < bins; b++) {
            start[b + 1] += start[b];
        }
        for (int i = 0; i < m; i++) {
            int b = bin(values[i]);
            v[start[b]++] = values[i];
        }
        // Placing moved each start[b] to the end of bin b, i.e. the start of bin b + 1: shift back.
        System.arraycopy(start, 0, start, 1, bins);
        start[0] = 0;
        for (int b = 0; b < bins; b++) {
            sortRange(v, start[b], start[b + 1]);
        }
    }

    private static void sortRange(double[] a, int from, int to) {
        if (to - from > INSERTION) {
            Arrays.sort(a, from, to);
            return;
        }
        for (int i = from + 1; i < to; i++) {
            double x = a[i];
            int j = i - 1;
            while (j >= from && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    private int bin(double x) {
        int b = (int) ((x - lo) * scale);
        return b < 0 ? 0 : Math.min(b, bins - 1);
    }

    /** The k-th smallest value (0-based). */
    double get(int k) {
        return v[k];
    }

    /** The values in ascending order: the first {@link #size()} entries of the array. */
    double[] sorted() {
        return v;
    }

    int size() {
        return m;
    }

    /** How many values are ≤ x. */
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

    /** How many values are &lt; x. */
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
