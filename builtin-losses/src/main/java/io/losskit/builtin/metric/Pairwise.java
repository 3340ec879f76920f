package io.losskit.builtin.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The pairwise work of the batch losses, without an n×n matrix: anchors are taken in blocks of
 * up to 32 (fewer when n is so large that 32 rows would pass 32 MiB), each block's rows of
 * distances (or products) are computed into a worker's buffer of block×n doubles, used, and
 * overwritten by the next block. Blocks run on the calling thread and the common fork-join pool
 * (every core), and their results are combined in block order, so the value does not depend on
 * the number of threads.
 *
 * <p>The kernels stream through the column-major copy of the batch, so the inner loop runs over
 * the samples j of a column and the JIT vectorises it; within a row the d terms of ‖xᵢ − xⱼ‖² are
 * summed in the order k = 0…d−1 (in groups of four).
 */
final class Pairwise {

    /** Anchors per block, at most. */
    private static final int BLOCK = 32;
    /** Doubles in one worker's row buffer, at most (32 MiB), so that huge batches shrink the blocks. */
    private static final long BUFFER = 1L << 22;
    /** Columns per tile: a tile of d columns stays in the L2 cache while a block uses it. */
    private static final int TILE = 512;
    /** Below this many multiply-adds a batch is done on the calling thread alone. */
    private static final long PARALLEL_WORK = 1L << 21;

    private Pairwise() {
    }

    /** The work one thread does on blocks of anchors; it owns its scratch buffers. */
    @FunctionalInterface
    interface BlockWorker<R> {
        /** The result for anchors [from, to). */
        R run(int from, int to);
    }

    /**
     * Runs {@code workers} over the anchors 0…n−1 in blocks and returns the blocks' results in
     * order. Each thread gets its own worker from the supplier.
     *
     * @param work a measure of the total work (≈ n²·d), to decide whether threads pay off
     */
    static <R> List<R> blocks(int n, long work, Supplier<? extends BlockWorker<R>> workers) {
        int block = blockSize(n);
        int blocks = (n + block - 1) / block;
        Object[] results = new Object[blocks];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(blocks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable loop = () -> {
            BlockWorker<R> worker = null;
            for (int b; (b = next.getAndIncrement()) < blocks; ) {
                try {
                    if (failure.get() == null) {
                        if (worker == null) {
                            worker = workers.get();
                        }
                        results[b] = worker.run(b * block, Math.min(n, (b + 1) * block));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        int threads = work < PARALLEL_WORK ? 1 : Math.min(blocks, Runtime.getRuntime().availableProcessors());
        for (int t = 1; t < threads; t++) {
            ForkJoinPool.commonPool().execute(loop);
        }
        loop.run();
        // Helpers that never started claim no block; the latch waits only for claimed ones.
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        List<R> out = new ArrayList<>(blocks);
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            R cast = (R) r;
            out.add(cast);
        }
        return out;
    }

    /** How many anchors a block of a batch of n has: a function of n alone. */
    static int blockSize(int n) {
        return (int) Math.max(1, Math.min(BLOCK, BUFFER / Math.max(n, 1)));
    }

    /** A block×n buffer for one worker's rows. */
    static double[][] rowBuffer(int n) {
        return new double[Math.min(blockSize(n), Math.max(n, 1))][n];
    }

    /**
     * rows[a − a0][j] = ‖xₐ − xⱼ‖² for anchors a ∈ [a0, a1) and j ∈ [j0, n); other entries are
     * left as they are.
     */
    static void squaredDistances(Matrix x, int a0, int a1, int j0, double[][] rows) {
        accumulate(x, x, a0, a1, j0, rows, true);
    }

    /** rows[a − a0][j] = xₐ · yⱼ for anchors a of {@code x} in [a0, a1) and j ∈ [0, y.n). */
    static void dots(Matrix x, Matrix y, int a0, int a1, double[][] rows) {
        accumulate(x, y, a0, a1, 0, rows, false);
    }

    /**
     * Σₖ (xₐₖ − yⱼₖ)² ({@code difference}) or Σₖ xₐₖ·yⱼₖ, tile by tile: for each tile of columns
     * j, each anchor's row segment is accumulated over k, four k at a time.
     */
    private static void accumulate(Matrix x, Matrix y, int a0, int a1, int j0, double[][] rows,
                                   boolean difference) {
        double[][] cols = y.columns();
        int n = y.n;
        int d = x.d;
        double[] data = x.data;
        for (int jb = j0; jb < n; jb += TILE) {
            int je = Math.min(n, jb + TILE);
            for (int a = a0; a < a1; a++) {
                double[] row = rows[a - a0];
                Arrays.fill(row, jb, je, 0.0);
                int xa = a * d;
                int k = 0;
                for (; k + 3 < d; k += 4) {
                    if (difference) {
                        squares4(row, jb, je, data, xa + k, cols[k], cols[k + 1], cols[k + 2], cols[k + 3]);
                    } else {
                        products4(row, jb, je, data, xa + k, cols[k], cols[k + 1], cols[k + 2], cols[k + 3]);
                    }
                }
                for (; k < d; k++) {
                    double v = data[xa + k];
                    double[] c = cols[k];
                    for (int j = jb; j < je; j++) {
                        double e = difference ? v - c[j] : 0.0;
                        row[j] += difference ? e * e : v * c[j];
                    }
                }
            }
        }
    }

    /** row[j] += Σ_{i<4} (x[o+i] − cᵢ[j])² for j ∈ [jb, je) (a loop the JIT vectorises). */
    private static void squares4(double[] row, int jb, int je, double[] x, int o,
                                 double[] c0, double[] c1, double[] c2, double[] c3) {
        double v0 = x[o];
        double v1 = x[o + 1];
        double v2 = x[o + 2];
        double v3 = x[o + 3];
        for (int j = jb; j < je; j++) {
            double e0 = v0 - c0[j];
            double e1 = v1 - c1[j];
            double e2 = v2 - c2[j];
            double e3 = v3 - c3[j];
            row[j] += (e0 * e0 + e1 * e1) + (e2 * e2 + e3 * e3);
        }
    }

    /** row[j] += Σ_{i<4} x[o+i]·cᵢ[j] for j ∈ [jb, je). */
    private static void products4(double[] row, int jb, int je, double[] x, int o,
                                  double[] c0, double[] c1, double[] c2, double[] c3) {
        double v0 = x[o];
        double v1 = x[o + 1];
        double v2 = x[o + 2];
        double v3 = x[o + 3];
        for (int j = jb; j < je; j++) {
            row[j] += (v0 * c0[j] + v1 * c1[j]) + (v2 * c2[j] + v3 * c3[j]);
        }
    }

    /** Replaces row[j] by √row[j] for j ∈ [from, row.length). */
    static void sqrt(double[] row, int from) {
        for (int j = from; j < row.length; j++) {
            row[j] = Math.sqrt(row[j]);
        }
    }

    /** The work of a full pass over the pairs of an n×d batch, for {@link #blocks}. */
    static long work(int n, int d) {
        return (long) n * n * Math.max(d, 1);
    }
}
