package io.losskit.cli.engine;

/**
 * What an engine tells a progress line on another thread about the run: volatile fields and
 * counters, set a few times a run or added to every 4,096 records, never formatted on the hot path.
 */
public interface RunProgress {

    /** About how many records have been read so far (exactly, once the input is read). */
    long recordsRead();

    /** What is computed now that the input has been read ("triplet, one batch of all records"), or null while reading. */
    default String computing() {
        return null;
    }

    /** The batch size when a batch (metric-learning) loss is selected (0: the whole input is one batch), else -1. */
    default int batchSize() {
        return -1;
    }

    /** The fraction of the input read, from the engine's own count (parts read in parallel), or -1 when it has none. */
    default double fractionRead() {
        return -1;
    }

    /** The bootstrap replicates each record is added to as it is read ({@code --ci}), or 0. */
    default int replicates() {
        return 0;
    }
}
