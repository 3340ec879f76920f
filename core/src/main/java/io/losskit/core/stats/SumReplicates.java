package io.losskit.core.stats;

import io.losskit.spi.CompensatedSum;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The replicates of a per-sample loss: for each replicate r, the compensated sums Σkwℓ and Σkw
 * over the records, k = the record's count in r.
 *
 * <p>Records are summed in blocks of {@value #BLOCK} ordinals (block = ordinal / {@value #BLOCK}):
 * a block's records are kept until it is complete, then each replicate adds their k·wℓ in a
 * plain inner loop (replicate by replicate, drawing the counts as it goes) and folds the block's
 * total into its compensated sums. Because blocks are aligned to ordinals and a state keeps its
 * first and its last block as records, a block cut by a split is summed from its records in
 * order once the parts are merged: the block totals are the same however the input was split,
 * and the replicates equal the one-pass ones as the kernel's merged sums do.
 */
final class SumReplicates {

    static final int BLOCK = 256;

    private final Resampling resampling;
    /** Each replicate's Σkwℓ and Σkw over the folded blocks. */
    private final CompensatedSum[] weighted;
    private final CompensatedSum[] weights;
    /** The first block this state saw: never folded before {@link #totals}, since an earlier part may complete it. */
    private Block head;
    /** The last block, when it is not the head: folded once a later block begins. */
    private Block tail;
    /** The records' keys, worked out as a block is folded. */
    private final long[] keys = new long[BLOCK];

    SumReplicates(Resampling resampling) {
        this.resampling = resampling;
        this.weighted = new CompensatedSum[resampling.resamples()];
        this.weights = new CompensatedSum[resampling.resamples()];
        for (int r = 0; r < weighted.length; r++) {
            weighted[r] = new CompensatedSum();
            weights[r] = new CompensatedSum();
        }
    }

    /** A record of weighted value {@code wl} (w·ℓ, finite or not) and weight {@code w}; ordinals increase. */
    void add(long ordinal, double wl, double w) {
        long block = ordinal / BLOCK;
        if (head == null) {
            head = new Block(block);
            head.add(ordinal, wl, w);
        } else if (tail == null && block == head.block) {
            head.add(ordinal, wl, w);
        } else if (tail != null && block == tail.block) {
            tail.add(ordinal, wl, w);
        } else if (tail == null) {
            tail = new Block(block);
            tail.add(ordinal, wl, w);
        } else {
            fold(tail, weighted, weights);
            tail.reset(block);
            tail.add(ordinal, wl, w);
        }
    }

    /** Folds in {@code later}, the replicates of the records after these ones'; {@code later} is consumed. */
    void merge(SumReplicates later) {
        if (later.head == null) {
            return;
        }
        if (head == null) {
            for (int r = 0; r < weighted.length; r++) {
                weighted[r] = later.weighted[r];
                weights[r] = later.weights[r];
            }
            head = later.head;
            tail = later.tail;
            return;
        }
        Block open = tail != null ? tail : head;
        if (open.block == later.head.block) {
            open.addAll(later.head);
        } else {
            close(open);
            open = later.head;
        }
        if (later.tail != null) {
            close(open);
            for (int r = 0; r < weighted.length; r++) {
                weighted[r].add(later.weighted[r]);
                weights[r].add(later.weights[r]);
            }
            open = later.tail;
        }
        tail = open == head ? null : open;
    }

    /** A block that a later one follows: the head stays as records (an earlier part may still complete it). */
    private void close(Block block) {
        if (block != head) {
            fold(block, weighted, weights);
        }
    }

    /** Every replicate's Σkwℓ (at {@code 2r}) and Σkw (at {@code 2r + 1}); the state is unchanged. */
    double[] totals() {
        CompensatedSum[] sw = copy(weighted);
        CompensatedSum[] w = copy(weights);
        if (tail != null) {
            fold(tail, sw, w);
        }
        if (head != null) {
            fold(head, sw, w);
        }
        double[] t = new double[2 * sw.length];
        for (int r = 0; r < sw.length; r++) {
            t[2 * r] = sw[r].value();
            t[2 * r + 1] = w[r].value();
        }
        return t;
    }

    private static CompensatedSum[] copy(CompensatedSum[] sums) {
        CompensatedSum[] c = new CompensatedSum[sums.length];
        for (int r = 0; r < c.length; r++) {
            c[r] = CompensatedSum.of(sums[r].sum(), sums[r].compensation());
        }
        return c;
    }

    /**
     * Adds the block's Σkwℓ and Σkw of every replicate to {@code intoWeighted} and {@code intoWeights}: half of
     * the replicates on another thread when there are many (each replicate's sums are its own, so
     * the result does not depend on it).
     */
    private void fold(Block b, CompensatedSum[] intoWeighted, CompensatedSum[] intoWeights) {
        int n = b.size;
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            keys[i] = resampling.key(b.ordinals[i]);
            finite &= Double.isFinite(b.wl[i]) && Double.isFinite(b.w[i]);
        }
        int words = (resampling.resamples() + 1) / 2;
        if (words < PARALLEL_WORDS) {
            fold(b, finite, intoWeighted, intoWeights, 0, words);
            return;
        }
        boolean f = finite;
        int half = words / 2;
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> fold(b, f, intoWeighted, intoWeights, half, words));
        fold(b, f, intoWeighted, intoWeights, 0, half);
        other.join();
    }

    /** Replicates from 64 on are folded on two threads. */
    private static final int PARALLEL_WORDS = 32;

    /** {@link #fold(Block, CompensatedSum[], CompensatedSum[])} of the replicates 2j and 2j + 1, j in [from, to). */
    private void fold(Block b, boolean finite, CompensatedSum[] intoWeighted, CompensatedSum[] intoWeights, int from, int to) {
        int n = b.size;
        double[] wl = b.wl;
        double[] w = b.w;
        int replicates = resampling.resamples();
        for (int j = from; j < to; j++) {
            double s0 = 0;
            double w0 = 0;
            double s1 = 0;
            double w1 = 0;
            for (int i = 0; i < n; i++) {
                long x = Resampling.bits(keys[i], j);
                int k0 = Resampling.count(x >>> 32);
                int k1 = Resampling.count(x & 0xFFFFFFFFL);
                if (finite) {
                    // k = 0 adds exact zeros: no branch
                    s0 += k0 * wl[i];
                    w0 += k0 * w[i];
                    s1 += k1 * wl[i];
                    w1 += k1 * w[i];
                } else {
                    // a record of weight 0 adds nothing even when ℓ is infinite (0·∞ is not NaN here)
                    if (k0 != 0) {
                        s0 += k0 * wl[i];
                        w0 += k0 * w[i];
                    }
                    if (k1 != 0) {
                        s1 += k1 * wl[i];
                        w1 += k1 * w[i];
                    }
                }
            }
            int r = 2 * j;
            intoWeighted[r].add(s0);
            intoWeights[r].add(w0);
            if (r + 1 < replicates) {
                intoWeighted[r + 1].add(s1);
                intoWeights[r + 1].add(w1);
            }
        }
    }

    void encode(DataOutput out) throws IOException {
        for (int r = 0; r < weighted.length; r++) {
            weighted[r].encode(out);
            weights[r].encode(out);
        }
        Block.encode(head, out);
        Block.encode(tail, out);
    }

    static SumReplicates decode(Resampling resampling, DataInput in) throws IOException {
        SumReplicates s = new SumReplicates(resampling);
        for (int r = 0; r < s.weighted.length; r++) {
            s.weighted[r] = CompensatedSum.decode(in);
            s.weights[r] = CompensatedSum.decode(in);
        }
        s.head = Block.decode(in);
        s.tail = Block.decode(in);
        return s;
    }

    /** The records of one block, as they came. */
    private static final class Block {
        long block;
        int size;
        final long[] ordinals = new long[BLOCK];
        final double[] wl = new double[BLOCK];
        final double[] w = new double[BLOCK];

        Block(long block) {
            this.block = block;
        }

        void reset(long block) {
            this.block = block;
            this.size = 0;
        }

        void add(long ordinal, double wl, double w) {
            ordinals[size] = ordinal;
            this.wl[size] = wl;
            this.w[size] = w;
            size++;
        }

        void addAll(Block later) {
            for (int i = 0; i < later.size; i++) {
                add(later.ordinals[i], later.wl[i], later.w[i]);
            }
        }

        static void encode(Block b, DataOutput out) throws IOException {
            out.writeInt(b == null ? -1 : b.size);
            if (b == null) {
                return;
            }
            out.writeLong(b.block);
            for (int i = 0; i < b.size; i++) {
                out.writeLong(b.ordinals[i]);
                out.writeDouble(b.wl[i]);
                out.writeDouble(b.w[i]);
            }
        }

        static Block decode(DataInput in) throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            if (n > BLOCK) {
                throw new IOException("a block of " + n + " records");
            }
            Block b = new Block(in.readLong());
            for (int i = 0; i < n; i++) {
                b.add(in.readLong(), in.readDouble(), in.readDouble());
            }
            return b;
        }
    }
}
