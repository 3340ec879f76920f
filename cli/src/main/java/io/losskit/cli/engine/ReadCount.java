package io.losskit.cli.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The records read, for a progress line on another thread: the reading threads add 4,096 every
 * 4,096 records (one addition, not one per record), and the exact count is set once the input is read.
 */
final class ReadCount {
    /** How many records each {@link #step()} stands for. */
    static final int STEP = 4096;

    private final LongAdder steps = new LongAdder();
    private volatile long total = -1;

    /** Called on every {@link #STEP}-th record of a reading thread. */
    void step() {
        steps.add(STEP);
    }

    /** The input is read: {@code records} in all. */
    void done(long records) {
        total = records;
    }

    /** About how many records have been read so far; exactly, once the input is read. */
    long get() {
        long n = total;
        return n >= 0 ? n : steps.sum();
    }
}
