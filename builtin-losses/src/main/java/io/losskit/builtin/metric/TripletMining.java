package io.losskit.builtin.metric;

import io.losskit.spi.BatchLoss;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.Arrays;
import java.util.List;

/**
 * The triplet loss over a batch of labelled embeddings, with the triplets mined from the batch
 * (see {@link Triplet} for the definitions). Distances are plain ‖x − y‖ (or ‖x − y‖² when
 * squared), computed a block of anchors at a time ({@link Pairwise}).
 *
 * <p>Per anchor, the distances to its m positives are sorted; each negative is then placed among
 * them ({@link SortedRanks}, O(1) expected), which yields, for every positive at once, the number
 * and the sum of the negatives inside the margin (mining=all, without visiting the m × negatives
 * triplets) or the nearest negative beyond it (mining=semi-hard).
 */
final class TripletMining implements BatchLoss {

    /** The mining strategies of LOSSES.md. */
    enum Mining {
        ALL, HARD, SEMI_HARD
    }

    private final Mining mining;
    private final double margin;
    private final boolean squared;

    TripletMining(Mining mining, double margin, boolean squared) {
        this.mining = mining;
        this.margin = margin;
        this.squared = squared;
    }

    @Override
    public BatchValue evaluate(List<Sample> batch, Tally tally) {
        Embeddings e = Embeddings.read(batch);
        List<Partial> parts = Pairwise.blocks(e.n(), Pairwise.work(e.n(), e.x.d), () -> new Worker(e));
        return Partial.merge(parts).finish(tally, true, Triplet.ID
                + ": a batch has no valid triplet (it needs a class with two samples and another class);"
                + " it adds no term");
    }

    /** One thread's scratch and the per-anchor mining. */
    private final class Worker implements Pairwise.BlockWorker<Partial> {
        private final Embeddings e;
        private final double[][] rows;
        /** The anchor's positive distances, in row order. */
        private final double[] pos;
        /** The sorted positive distances plus the margin. */
        private final double[] limit;
        /** Per bucket: how many negatives, their distances' sum, how many are hard, the nearest one. */
        private final long[] count;
        private final double[] sum;
        private final long[] within;
        private final double[] nearest;
        private final SortedRanks limitRanks = new SortedRanks();
        private final SortedRanks positiveRanks = new SortedRanks();

        Worker(Embeddings e) {
            int n = e.n();
            this.e = e;
            this.rows = Pairwise.rowBuffer(n);
            this.pos = new double[n];
            this.limit = new double[n];
            this.count = new long[n + 1];
            this.sum = new double[n + 1];
            this.within = new long[n + 1];
            this.nearest = new double[n + 1];
        }

        @Override
        public Partial run(int from, int to) {
            Pairwise.squaredDistances(e.x, from, to, 0, rows);
            Partial p = new Partial();
            for (int a = from; a < to; a++) {
                double[] row = rows[a - from];
                if (!squared) {
                    Pairwise.sqrt(row, 0);
                }
                if (e.positives(a) == 0 || e.negatives(a) == 0) {
                    continue;
                }
                switch (mining) {
                    case ALL -> all(a, row, p);
                    case HARD -> hard(a, row, p);
                    case SEMI_HARD -> semiHard(a, row, p);
                    default -> throw new AssertionError(mining);
                }
            }
            return p;
        }

        /** Collects the anchor's positive distances and indexes them; returns them sorted. */
        private double[] sortedPositives(int a, double[] row) {
            int la = e.label[a];
            int m = 0;
            for (int j = 0; j < row.length; j++) {
                if (e.label[j] == la && j != a) {
                    pos[m++] = row[j];
                }
            }
            positiveRanks.index(pos, m, e.negatives(a));
            return positiveRanks.sorted();
        }

        /**
         * Every triplet (a, p, n). With t = d(a, p) + margin, the term of a negative at distance x
         * is t − x when x &lt; t and 0 otherwise; the set of such negatives, and the set of hard
         * ones (x ≤ d(a, p)), grow with d(a, p). So a negative placed in bucket b (b limits ≤ x)
         * counts for every positive k ≥ b, and prefix sums over buckets give each positive's
         * count and Σx at once.
         */
        private void all(int a, double[] row, Partial p) {
            double[] sorted = sortedPositives(a, row);
            int m = positiveRanks.size();
            int la = e.label[a];
            for (int k = 0; k < m; k++) {
                limit[k] = sorted[k] + margin;
            }
            limitRanks.index(limit, m, e.negatives(a));
            Arrays.fill(count, 0, m + 1, 0);
            Arrays.fill(sum, 0, m + 1, 0.0);
            Arrays.fill(within, 0, m + 1, 0);
            for (int j = 0; j < row.length; j++) {
                if (e.label[j] != la) {
                    double x = row[j];
                    int b = limitRanks.atMost(x);
                    count[b]++;
                    sum[b] += x;
                    within[positiveRanks.below(x)]++;
                }
            }
            long negatives = e.negatives(a);
            long inside = 0;
            long hardOnes = 0;
            double insideSum = 0;
            for (int k = 0; k < m; k++) {
                inside += count[k];
                insideSum += sum[k];
                hardOnes += within[k];
                long hard = Math.min(inside, hardOnes);
                p.sum.add(inside * limit[k] - insideSum);
                p.terms += negatives;
                p.easy += negatives - inside;
                p.hard += hard;
                p.semiHard += inside - hard;
            }
        }

        /** Per anchor: the farthest positive and the nearest negative. */
        private void hard(int a, double[] row, Partial p) {
            int la = e.label[a];
            double dp = Double.NEGATIVE_INFINITY;
            double dn = Double.POSITIVE_INFINITY;
            for (int j = 0; j < row.length; j++) {
                if (e.label[j] == la) {
                    if (j != a) {
                        dp = Math.max(dp, row[j]);
                    }
                } else {
                    dn = Math.min(dn, row[j]);
                }
            }
            add(dp, dn, p);
        }

        /**
         * Per positive pair: the nearest negative with d(a, n) &gt; d(a, p), else the farthest
         * negative. A negative in bucket c (c positives strictly nearer than it) is beyond
         * positives 0…c−1, so positive k takes the least distance over buckets c &gt; k.
         */
        private void semiHard(int a, double[] row, Partial p) {
            double[] sorted = sortedPositives(a, row);
            int m = positiveRanks.size();
            int la = e.label[a];
            Arrays.fill(nearest, 0, m + 1, Double.POSITIVE_INFINITY);
            double farthest = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < row.length; j++) {
                if (e.label[j] != la) {
                    double x = row[j];
                    int c = positiveRanks.below(x);
                    nearest[c] = Math.min(nearest[c], x);
                    farthest = Math.max(farthest, x);
                }
            }
            double beyond = Double.POSITIVE_INFINITY;
            for (int k = m - 1; k >= 0; k--) {
                beyond = Math.min(beyond, nearest[k + 1]);
                add(sorted[k], beyond < Double.POSITIVE_INFINITY ? beyond : farthest, p);
            }
        }

        private void add(double dp, double dn, Partial p) {
            double term = Math.max(0.0, margin + dp - dn);
            p.add(term, Hardness.of(term, dn <= dp));
        }
    }

    /** How many of sorted[from..to) are ≤ x (branch-free bisection). */
    static int countAtMost(double[] sorted, int from, int to, double x) {
        int base = from;
        int len = to - from;
        while (len > 1) {
            int half = len >>> 1;
            base = sorted[base + half - 1] <= x ? base + half : base;
            len -= half;
        }
        return (len == 1 && sorted[base] <= x ? base + 1 : base) - from;
    }

    /** How many of sorted[from..to) are &lt; x (branch-free bisection). */
    static int countBelow(double[] sorted, int from, int to, double x) {
        int base = from;
        int len = to - from;
        while (len > 1) {
            int half = len >>> 1;
            base = sorted[base + half - 1] < x ? base + half : base;
            len -= half;
        }
        return (len == 1 && sorted[base] < x ? base + 1 : base) - from;
    }
}
