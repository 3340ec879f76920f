package io.losskit.builtin.sequence;

import io.losskit.builtin.align.Aligner;
import io.losskit.builtin.align.Alignment;
import java.util.Arrays;

/**
 * The weighted edit distance that turns a hypothesis (pred) into a reference (target), with the
 * operation counts of one minimum-cost alignment.
 *
 * <p>Operations and their costs (LOSSES.md: they turn pred into target): inserting a target symbol
 * into pred costs {@code insCost}, deleting a pred symbol costs {@code delCost}, replacing one by
 * another costs {@code subCost}. The counts are named as jiwer and sclite name them, from the
 * reference's side: a target symbol missing from pred is a <em>deletion</em> (although it costs
 * {@code insCost}), a pred symbol that is not in the target is an <em>insertion</em> (it costs
 * {@code delCost}).
 *
 * <p>Tie-break. Among the alignments of minimum cost, the counts come from one with the fewest
 * substitutions (so the most hits). That is the alignment sclite's weights (substitution 4,
 * insertion and deletion 3) choose among equal-cost ones, so the counts agree with sclite's
 * whenever sclite's alignment is itself a minimum-edit one. Given the cost and the number of
 * substitutions the other counts are determined (when insCost + delCost &gt; 0); any tie that is
 * left is broken in sclite's order — match or substitution, then deletion, then insertion — and
 * cannot change the totals.
 *
 * <p>Three algorithms give the same result. With equal costs and a side of at most 63 symbols: a
 * bit-parallel forward pass (Myers 1999, in Hyyrö's 2001 formulation for the global distance) that
 * keeps each column's delta vectors, then a backward pass over the cells that lie on minimum-cost
 * paths only, counting the most hits reachable (the cells are found column by column with bit
 * operations). With equal costs and both sides longer: the distance k by Myers' blocked algorithm,
 * then the dynamic programme below on the diagonal band that holds every path of cost k. Otherwise
 * a dynamic programme over (cost, substitutions, hits), restricted to a diagonal band that is
 * widened until no path outside it can cost as little (Ukkonen 1985). A common prefix and suffix
 * are counted as hits first.
 *
 * <p>{@link #trace} gives the operations of that alignment, for {@code score --align}: the
 * dynamic programme on the whole matrix with each cell's choice kept, the same counts.
 *
 * <p>Not thread-safe: it reuses its buffers. One instance per loss instance or accumulator.
 */
final class EditAligner {

    /** The longest side the bit-parallel path takes: rows 0…m must fit in one long. */
    static final int MAX_BIT_PARALLEL = 63;

    private final double insCost;
    private final double delCost;
    private final double subCost;
    private final boolean unitLike;
    private final double tolerance;
    /** For tests: whether equal costs may take the bit-parallel path. */
    boolean allowBitParallel = true;

    // The result of the last align() call.
    private double cost;
    private int hits;
    private int substitutions;
    private int deletions;
    private int insertions;

    // Bit-parallel buffers.
    private final SymbolMasks masks = new SymbolMasks();
    // Per column j, the row-bit masks the backward pass needs (bit i = row i): vtCol, the tight
    // vertical moves (i−1,j)→(i,j); htCol, the tight horizontal moves (i,j−1)→(i,j); dtCol, the
    // tight diagonal moves (i,j−1)→(i+1,j), at the row i they start from; eqCol, the diagonal moves
    // that are hits, likewise.
    private long[] vtCol = new long[64];
    private long[] htCol = new long[64];
    private long[] dtCol = new long[64];
    private long[] eqCol = new long[64];
    private final int[] hbCur = new int[66];
    private final int[] hbNext = new int[66];

    private final java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();

    // Dynamic-programme buffers.
    private double[] costPrev = new double[64];
    private double[] costCur = new double[64];
    private int[] subsPrev = new int[64];
    private int[] subsCur = new int[64];
    private int[] hitsPrev = new int[64];
    private int[] hitsCur = new int[64];

    EditAligner(double insCost, double delCost, double subCost) {
        this.insCost = insCost;
        this.delCost = delCost;
        this.subCost = subCost;
        this.unitLike = insCost == delCost && delCost == subCost && insCost > 0;
        this.tolerance = 1e-9 * Math.max(insCost, Math.max(delCost, subCost));
    }

    /** Aligns {@code pred[0..n)} to {@code target[0..m)}; read the result with the getters. */
    void align(int[] pred, int n, int[] target, int m) {
        // A common prefix or suffix is matched by some alignment of minimum cost and fewest
        // substitutions (exchanging any other treatment of the first symbols for a hit never adds
        // cost or substitutions), so it is counted as hits and left out.
        int prefix = commonPrefix(pred, n, target, m);
        int suffix = commonSuffix(pred, n, target, m, prefix);
        alignMiddle(pred, prefix, n - prefix - suffix, target, prefix, m - prefix - suffix);
        hits += prefix + suffix;
    }

    /** The length of the common prefix of {@code pred[0..n)} and {@code target[0..m)}. */
    private static int commonPrefix(int[] pred, int n, int[] target, int m) {
        int limit = Math.min(n, m);
        int prefix = 0;
        while (prefix < limit && pred[prefix] == target[prefix]) {
            prefix++;
        }
        return prefix;
    }

    /** The length of their common suffix that does not overlap the common prefix of length {@code prefix}. */
    private static int commonSuffix(int[] pred, int n, int[] target, int m, int prefix) {
        int limit = Math.min(n, m) - prefix;
        int suffix = 0;
        while (suffix < limit && pred[n - 1 - suffix] == target[m - 1 - suffix]) {
            suffix++;
        }
        return suffix;
    }

    private void alignMiddle(int[] pred, int pOff, int n, int[] target, int tOff, int m) {
        if (n == 0 || m == 0) {
            hits = 0;
            substitutions = 0;
            deletions = m;
            insertions = n;
            cost = m * insCost + n * delCost;
            return;
        }
        if (unitLike && allowBitParallel && Math.min(n, m) <= MAX_BIT_PARALLEL) {
            // The shorter side is the rows; the counts below do not depend on which it is.
            int k = m <= n ? bitParallel(target, tOff, m, pred, pOff, n) : bitParallel(pred, pOff, n, target, tOff, m);
            setCounts(k, n, m);
            return;
        }
        if (unitLike && allowBitParallel) {
            // Both sides are long: the distance k by the blocked bit-parallel algorithm, then the
            // programme on the band that holds every path of cost k. With p target-only and q
            // pred-only moves, p − q = m − n and p + q ≤ k, so the diagonal j − i stays within
            // [−(k − d)/2, (k + d)/2].
            int k = m <= n ? blockedDistance(target, tOff, m, pred, pOff, n)
                    : blockedDistance(pred, pOff, n, target, tOff, m);
            int d = m - n;
            ensureRow(m + 1);
            runBand(pred, pOff, n, target, tOff, m, Math.max(-n, -((k - d) / 2)), Math.min(m, (k + d) / 2), null);
            return;
        }
        banded(pred, pOff, n, target, tOff, m);
    }

    /**
     * Fills the counts from the unit distance k and {@link #hits}: k = S + D + I with D = m − H − S
     * and I = n − H − S, so S = n + m − k − 2H.
     */
    private void setCounts(int k, int n, int m) {
        int h = hits;
        int s = n + m - k - 2 * h;
        substitutions = s;
        deletions = m - h - s;
        insertions = n - h - s;
        cost = k * insCost;
    }

    double cost() {
        return cost;
    }

    int hits() {
        return hits;
    }

    int substitutions() {
        return substitutions;
    }

    /** Target (reference) symbols missing from pred. */
    int deletions() {
        return deletions;
    }

    /** Pred (hypothesis) symbols not in the target. */
    int insertions() {
        return insertions;
    }

    /**
     * Unit edit distance between rows {@code p[pOff..pOff+m)} (m ≤ 63) and columns {@code t[tOff..tOff+n)}; sets
     * {@link #hits} to the most hits of a minimum-cost alignment.
     *
     * <p>F(i, j) is the distance between p[0..i) and t[0..j); bit i−1 of a column vector stands for
     * row i. Per column j the forward pass keeps VP (F(i,j) − F(i−1,j) = +1), HP (F(i,j) −
     * F(i,j−1) = +1) and D0 (F(i,j) = F(i−1,j−1)). A move is <em>tight</em> when F grows by exactly
     * its cost; the minimum-cost alignments are the paths of tight moves from (0,0) to (m,n), and
     * the cells on them are those reachable backwards from (m,n) through tight moves.
     */
    private int bitParallel(int[] p, int pOff, int m, int[] t, int tOff, int n) {
        ensureColumns(n + 1);
        masks.build(p, pOff, m);
        final long rows1m = ((1L << m) - 1) << 1; // rows 1..m as bits 1..m
        final long rowsM = (1L << m) - 1; // rows 0..m−1, the rows a diagonal move starts from
        final int lastRow = m - 1;
        long vp = (1L << m) - 1;
        long vn = 0;
        int score = m;
        vtCol[0] = (vp << 1) & rows1m;
        for (int j = 1; j <= n; j++) {
            long eq = masks.get(t[tOff + j - 1]);
            long d0 = (((eq & vp) + vp) ^ vp) | eq | vn;
            long hp = vn | ~(d0 | vp);
            long hn = vp & d0;
            score += (int) ((hp >>> lastRow) & 1L) - (int) ((hn >>> lastRow) & 1L);
            long hps = (hp << 1) | 1L;
            long hns = hn << 1;
            vp = hns | ~(d0 | hps);
            vn = hps & d0;
            vtCol[j] = (vp << 1) & rows1m;
            htCol[j] = hps;
            dtCol[j] = (eq | ~d0) & rowsM;
            eqCol[j] = eq;
        }
        masks.clear();

        // Backward pass over the cells of minimum-cost paths, column n down to 0. Row-bit masks
        // (bit i = row i) per column j: vt, the vertical moves (i−1,j)→(i,j) that are tight; and,
        // into the next column, ht, the horizontal moves (i,j)→(i,j+1), and dt, the diagonal moves
        // (i,j)→(i+1,j+1) at bit i, that are tight and end in an active cell. hb[i] is the most
        // hits from (i,j) to (m,n) through active cells.
        int[] next = hbNext;
        int[] cur = hbCur;
        long vt = vtCol[n];
        long active = closeUpwards(1L << m, vt);
        for (long a = active; a != 0; a &= a - 1) {
            cur[Long.numberOfTrailingZeros(a)] = 0; // only vertical moves to (m,n): no hits
        }
        for (int j = n - 1; j >= 0; j--) {
            int[] swap = next;
            next = cur;
            cur = swap;
            long eq = eqCol[j + 1];
            long ht = htCol[j + 1] & active;
            long dt = dtCol[j + 1] & (active >>> 1);
            vt = vtCol[j];
            active = closeUpwards(ht | dt, vt);
            long vtActive = vt & active;
            int above = 0; // the value of the row above, computed just before when it is active
            // Rows in descending order: the lowest set bit of the bit-reversed mask first.
            for (long a = active; a != 0; ) {
                int i = 63 - Long.numberOfLeadingZeros(a);
                a &= ~(1L << i);
                // Each candidate is pushed far below 0 when its move is not available; an active
                // cell has at least one available move. A vertical move down from row i is
                // available only when row i + 1 is active, i.e. was the previous one of this loop.
                // (For i = 63 the shift by 64 is a shift by 0 in Java, and bit 0 of vtActive is
                // always clear: still unavailable.)
                int down = above + ((int) ((vtActive >>> (i + 1)) & 1L) - 1 & UNAVAILABLE);
                int right = next[i] + ((int) ((ht >>> i) & 1L) - 1 & UNAVAILABLE);
                int diagonal = next[i + 1] + (int) ((eq >>> i) & 1L)
                        + ((int) ((dt >>> i) & 1L) - 1 & UNAVAILABLE);
                above = Math.max(down, Math.max(right, diagonal));
                cur[i] = above;
            }
        }
        hits = cur[0];
        return score;
    }

    /** Added to a candidate whose move is not available: far below any count of hits. */
    private static final int UNAVAILABLE = -(1 << 20);

    /**
     * The rows reachable from {@code x} by moving up (row i to i−1) where {@code vt} has bit i.
     * One step at a time: the active cells of a column form short runs, so the loop almost always
     * ends after its first, checking step.
     */
    static long closeUpwards(long x, long vt) {
        long y = x;
        while (true) {
            long z = y | ((y & vt) >>> 1);
            if (z == y) {
                return y;
            }
            y = z;
        }
    }

    /**
     * The unit edit distance between rows {@code p[pOff..pOff+m)} and columns
     * {@code t[tOff..tOff+n)} for any m: Myers' (1999) algorithm on blocks of 64 rows, each block
     * passing its bottom row's horizontal delta to the next.
     */
    private int blockedDistance(int[] p, int pOff, int m, int[] t, int tOff, int n) {
        int words = (m + 63) >>> 6;
        // Dense ids for the pattern's symbols; the text's other symbols match nothing.
        ids.clear();
        int[] rowIds = new int[m];
        for (int i = 0; i < m; i++) {
            rowIds[i] = ids.computeIfAbsent(p[pOff + i], key -> ids.size());
        }
        long[] peq = new long[(ids.size() + 1) * words]; // the last id's masks stay 0
        for (int i = 0; i < m; i++) {
            peq[rowIds[i] * words + (i >>> 6)] |= 1L << (i & 63);
        }
        int none = ids.size();
        long[] vp = new long[words];
        long[] vn = new long[words];
        Arrays.fill(vp, -1L);
        int lastRow = (m - 1) & 63;
        int score = m;
        for (int j = 0; j < n; j++) {
            Integer id = ids.get(t[tOff + j]);
            int base = (id == null ? none : id) * words;
            int hin = 1; // the top row: F(0, j) − F(0, j−1) = 1
            for (int w = 0; w < words; w++) {
                long eq = peq[base + w];
                long pv = vp[w];
                long mv = vn[w];
                long xv = eq | mv;
                if (hin < 0) {
                    eq |= 1L;
                }
                long xh = (((eq & pv) + pv) ^ pv) | eq;
                long ph = mv | ~(xh | pv);
                long mh = pv & xh;
                int high = w == words - 1 ? lastRow : 63;
                int hout = (int) ((ph >>> high) & 1L) - (int) ((mh >>> high) & 1L);
                ph <<= 1;
                mh <<= 1;
                if (hin < 0) {
                    mh |= 1L;
                } else if (hin > 0) {
                    ph |= 1L;
                }
                vp[w] = mh | ~(xv | ph);
                vn[w] = ph & xv;
                hin = hout;
            }
            score += hin;
        }
        return score;
    }

    /**
     * The dynamic programme over (cost, substitutions, hits) for any costs and lengths, rows =
     * pred (i), columns = target (j), restricted to diagonals lo ≤ j − i ≤ hi and widened until
     * every path leaving the band costs more than the band's optimum.
     */
    private void banded(int[] pred, int pOff, int n, int[] target, int tOff, int m) {
        ensureRow(m + 1);
        int d = m - n;
        int lo0 = Math.min(0, d);
        int hi0 = Math.max(0, d);
        int width = 8;
        while (true) {
            int lo = Math.max(-n, lo0 - width);
            int hi = Math.min(m, hi0 + width);
            runBand(pred, pOff, n, target, tOff, m, lo, hi, null);
            if (lo == -n && hi == m || cost < leaveCost(lo, hi, n, m) - tolerance) {
                return;
            }
            width *= 4;
        }
    }

    /** A lower bound on the cost of any path that leaves the band lo ≤ j − i ≤ hi. */
    private double leaveCost(int lo, int hi, int n, int m) {
        int d = m - n;
        // Reaching diagonal q = hi + 1 > max(0, d) takes q target-only moves and q − d pred-only ones.
        double up = hi >= m ? Double.POSITIVE_INFINITY : insCost * (hi + 1) + delCost * (hi + 1 - d);
        // Reaching q = lo − 1 < min(0, d) takes −q pred-only moves and d − q target-only ones.
        double down = lo <= -n ? Double.POSITIVE_INFINITY : delCost * (1 - lo) + insCost * (d - lo + 1);
        return Math.min(up, down);
    }

    /**
     * The programme on the band lo ≤ j − i ≤ hi; with {@code tight} (the whole matrix, (n + 1) ×
     * (m + 1) cells, for {@link #trace}) it also marks at each cell the moves that tie with its best.
     */
    private void runBand(int[] pred, int pOff, int n, int[] target, int tOff, int m, int lo, int hi, byte[] tight) {
        final double inf = Double.POSITIVE_INFINITY;
        double[] cp = costPrev;
        double[] cc = costCur;
        int[] sp = subsPrev;
        int[] sc = subsCur;
        int[] hp = hitsPrev;
        int[] hc = hitsCur;
        int to0 = Math.min(m, hi);
        for (int j = 0; j <= to0; j++) {
            cp[j] = j * insCost;
            sp[j] = 0;
            hp[j] = 0;
            if (tight != null) {
                tight[j] = j > 0 ? TARGET_ONLY : 0;
            }
        }
        if (to0 + 1 <= m) {
            cp[to0 + 1] = inf;
        }
        for (int i = 1; i <= n; i++) {
            int from = Math.max(0, i + lo);
            int to = Math.min(m, i + hi);
            if (from > 0) {
                cc[from - 1] = inf;
            }
            int pi = pred[pOff + i - 1];
            for (int j = from; j <= to; j++) {
                // Diagonal: hit or substitution.
                double bestCost = inf;
                int bestSubs = 0;
                int bestHits = 0;
                double c = inf;
                int cSubs = 0;
                double c2 = inf;
                if (j > 0) {
                    c = cp[j - 1];
                    if (c != inf) {
                        if (pi == target[tOff + j - 1]) {
                            cSubs = sp[j - 1];
                            bestHits = hp[j - 1] + 1;
                        } else {
                            c += subCost;
                            cSubs = sp[j - 1] + 1;
                            bestHits = hp[j - 1];
                        }
                        bestCost = c;
                        bestSubs = cSubs;
                    }
                    // Target symbol missing from pred (a deletion in jiwer's words).
                    c2 = cc[j - 1];
                    if (c2 != inf) {
                        c2 += insCost;
                        if (better(c2, sc[j - 1], bestCost, bestSubs)) {
                            bestCost = c2;
                            bestSubs = sc[j - 1];
                            bestHits = hc[j - 1];
                        }
                    }
                }
                // Pred symbol not in the target (an insertion in jiwer's words).
                double c3 = j <= i - 1 + hi ? cp[j] : inf;
                if (c3 != inf) {
                    c3 += delCost;
                    if (better(c3, sp[j], bestCost, bestSubs)) {
                        bestCost = c3;
                        bestSubs = sp[j];
                        bestHits = hp[j];
                    }
                }
                cc[j] = bestCost;
                sc[j] = bestSubs;
                hc[j] = bestHits;
                if (tight != null) {
                    tight[i * (m + 1) + j] = (byte) ((j > 0 && ties(c, cSubs, bestCost, bestSubs) ? DIAGONAL : 0)
                            | (j > 0 && ties(c2, sc[j - 1], bestCost, bestSubs) ? TARGET_ONLY : 0)
                            | (ties(c3, sp[j], bestCost, bestSubs) ? PRED_ONLY : 0));
                }
            }
            if (to + 1 <= m) {
                cc[to + 1] = inf;
            }
            double[] tc = cp;
            cp = cc;
            cc = tc;
            int[] ts = sp;
            sp = sc;
            sc = ts;
            int[] th = hp;
            hp = hc;
            hc = th;
        }
        cost = cp[m];
        substitutions = sp[m];
        hits = hp[m];
        deletions = m - hits - substitutions;
        insertions = n - hits - substitutions;
    }

    /**
     * The operations, in order, of the alignment whose counts {@link #align} gives for the same
     * sequences: the common prefix and suffix as hits, and between them the dynamic programme of
     * {@link #runBand} over the whole matrix, its choice at each cell kept (a byte) and traced back
     * from the end. Every path {@code align} may take finds the same counts: with equal costs the
     * cost and the hits fix the rest, and otherwise the band it runs holds every path of minimum
     * cost, on which the programme's choices are these.
     *
     * <p>The getters then give the counts and cost of these operations: those of {@code align}.
     *
     * @param maxCells the most cells (middle pred length + 1) × (middle target length + 1) it may use
     * @throws Aligner.TooLong when the matrix would be larger
     */
    Alignment.Op[] trace(int[] pred, int n, int[] target, int m, long maxCells) {
        int prefix = commonPrefix(pred, n, target, m);
        int suffix = commonSuffix(pred, n, target, m, prefix);
        int pn = n - prefix - suffix;
        int tm = m - prefix - suffix;
        long cells = (pn + 1L) * (tm + 1L);
        if (pn > 0 && tm > 0 && cells > maxCells) {
            throw new Aligner.TooLong(String.format("too long to align: %,d reference and %,d hypothesis symbols (the"
                    + " traceback would take %,d cells, more than %,d)", m, n, cells, maxCells));
        }
        Alignment.Op[] middle = traceMiddle(pred, prefix, pn, target, prefix, tm);
        Alignment.Op[] ops = new Alignment.Op[prefix + middle.length + suffix];
        Arrays.fill(ops, Alignment.Op.EQUAL);
        System.arraycopy(middle, 0, ops, prefix, middle.length);
        hits = prefix + suffix;
        substitutions = 0;
        deletions = 0;
        insertions = 0;
        for (Alignment.Op op : middle) {
            switch (op) {
                case EQUAL -> hits++;
                case SUBSTITUTE -> substitutions++;
                case DELETE -> deletions++;
                case INSERT -> insertions++;
                default -> throw new AssertionError(op);
            }
        }
        cost = deletions * insCost + insertions * delCost + substitutions * subCost;
        return ops;
    }

    /** Bits of a cell's tight moves: those by which some path of minimum (cost, substitutions) reaches it. */
    private static final byte DIAGONAL = 1;
    private static final byte TARGET_ONLY = 2;
    private static final byte PRED_ONLY = 4;

    /**
     * The operations for {@code pred[pOff..pOff+n)} against {@code target[tOff..tOff+m)}, in order:
     * traced back from the end through tight moves. Where several are tight the counts are the
     * same (the cost and the substitutions fix them), and the trace prefers, as jiwer's alignments
     * mostly read, a missing target symbol (a deletion, so deletions come late), then the diagonal,
     * then an extra pred symbol. With zero insertion and deletion costs the counts are not fixed by
     * cost and substitutions: the trace then takes the band's own choice (diagonal first), so that
     * its counts stay {@link #align}'s.
     */
    private Alignment.Op[] traceMiddle(int[] pred, int pOff, int n, int[] target, int tOff, int m) {
        Alignment.Op[] reversed = new Alignment.Op[n + m];
        if (n == 0 || m == 0) {
            Arrays.fill(reversed, 0, m, Alignment.Op.DELETE);
            Arrays.fill(reversed, m, n + m, Alignment.Op.INSERT);
            return reversed;
        }
        byte[] tight = new byte[(n + 1) * (m + 1)];
        ensureRow(m + 1);
        runBand(pred, pOff, n, target, tOff, m, -n, m, tight);
        boolean bandsChoice = insCost + delCost == 0;
        int cols = m + 1;
        int k = 0;
        for (int i = n, j = m; i > 0 || j > 0; ) {
            byte moves = tight[i * cols + j];
            if ((moves & TARGET_ONLY) != 0 && !(bandsChoice && (moves & DIAGONAL) != 0)) {
                reversed[k++] = Alignment.Op.DELETE;
                j--;
            } else if ((moves & DIAGONAL) != 0) {
                reversed[k++] = pred[pOff + i - 1] == target[tOff + j - 1] ? Alignment.Op.EQUAL : Alignment.Op.SUBSTITUTE;
                i--;
                j--;
            } else {
                reversed[k++] = Alignment.Op.INSERT;
                i--;
            }
        }
        Alignment.Op[] ops = new Alignment.Op[k];
        for (int t = 0; t < k; t++) {
            ops[t] = reversed[k - 1 - t];
        }
        return ops;
    }

    /** Whether (c, s) is as good as the best (bestC, bestS): the same substitutions, the cost within the tolerance. */
    private boolean ties(double c, int s, double bestC, int bestS) {
        return s == bestS && Math.abs(c - bestC) <= tolerance;
    }

    /** Whether (c, s) beats (bestC, bestS): a lower cost, or an equal cost with fewer substitutions. */
    private boolean better(double c, int s, double bestC, int bestS) {
        if (c < bestC - tolerance) {
            return true;
        }
        return c <= bestC + tolerance && s < bestS;
    }

    private void ensureColumns(int size) {
        if (vtCol.length < size) {
            int cap = Math.max(size, vtCol.length * 2);
            vtCol = Arrays.copyOf(vtCol, cap);
            htCol = Arrays.copyOf(htCol, cap);
            dtCol = Arrays.copyOf(dtCol, cap);
            eqCol = Arrays.copyOf(eqCol, cap);
        }
    }

    private void ensureRow(int size) {
        if (costPrev.length < size + 1) {
            int cap = Math.max(size + 1, costPrev.length * 2);
            costPrev = new double[cap];
            costCur = new double[cap];
            subsPrev = new int[cap];
            subsCur = new int[cap];
            hitsPrev = new int[cap];
            hitsCur = new int[cap];
        }
    }

    /**
     * Match masks of the pattern's symbols: symbol → bit set of the rows holding it. Symbols below
     * 256 use a table; the others a small open-addressing hash (a pattern has at most 63 symbols).
     */
    static final class SymbolMasks {
        private static final int SLOTS = 256; // power of two, > 2 × 63
        private final long[] small = new long[256];
        private final int[] keys = new int[SLOTS];
        private final long[] values = new long[SLOTS];
        private final boolean[] used = new boolean[SLOTS];
        private final int[] touched = new int[64];
        private int touchedCount;
        private int[] pattern;
        private int patternOffset;
        private int patternLength;
        private boolean anyLarge;

        void build(int[] p, int offset, int m) {
            pattern = p;
            patternOffset = offset;
            patternLength = m;
            anyLarge = false;
            for (int i = 0; i < m; i++) {
                int s = p[offset + i];
                if (s >= 0 && s < 256) {
                    small[s] |= 1L << i;
                } else {
                    anyLarge = true;
                    int slot = slot(s);
                    if (!used[slot]) {
                        used[slot] = true;
                        keys[slot] = s;
                        values[slot] = 0;
                        touched[touchedCount++] = slot;
                    }
                    values[slot] |= 1L << i;
                }
            }
        }

        long get(int s) {
            if (s >= 0 && s < 256) {
                return small[s];
            }
            if (!anyLarge) {
                return 0L;
            }
            int slot = slot(s);
            return used[slot] ? values[slot] : 0L;
        }

        /** The slot of {@code s}: where it is, or the free slot where it would go. */
        private int slot(int s) {
            int h = (s * 0x9E3779B1) >>> 24;
            while (used[h] && keys[h] != s) {
                h = (h + 1) & (SLOTS - 1);
            }
            return h;
        }

        void clear() {
            for (int i = 0; i < patternLength; i++) {
                int s = pattern[patternOffset + i];
                if (s >= 0 && s < 256) {
                    small[s] = 0L;
                }
            }
            for (int k = 0; k < touchedCount; k++) {
                used[touched[k]] = false;
            }
            touchedCount = 0;
            pattern = null;
        }
    }
}
