package io.losskit.cli.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The records read, for a progress line on another thread: the reading threads add 4,096 every
 * 4,096 records (one addition, not one per record: an AtomicLong is enough, and unlike a LongAdder
 * needs no VarHandles made at start-up), and the exact count is set once the input is read.
 * A run with batches of a batch loss (read on one thread) sets the exact count at every record
 * instead: a record there costs far more than a volatile write, and "batch k of n" needs it.
 */
final class ReadCount {
    /** How many records each {@link #step()} stands for. */
    static final int STEP = 4096;

    private final AtomicLong steps = new AtomicLong();
    private volatile long total = -1;
    private volatile long exact;

    /** Called on every {@link #STEP}-th record of a reading thread. */
    void step() {
        steps.addAndGet(STEP);
    }

    /** The one reading thread has read {@code records} records so far. */
    void at(long records) {
        exact = records;
    }

    /** The input is read: {@code records} in all. */
    void done(long records) {
        total = records;
    }

    /** About how many records have been read so far; exactly, once the input is read. */
    long get() {
        long n = total;
        return n >= 0 ? n : Math.max(exact, steps.get());
    }
}
