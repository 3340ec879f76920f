package io.losskit.builtin.align;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Sample;

/** One sample's value and alignment, for an {@link Alignable} loss. Not thread-safe. */
public interface Aligner {

    /** The most cells (reference + 1) × (hypothesis + 1) symbols an alignment's traceback may use, a byte each. */
    long MAX_CELLS = 1L << 26;

    /**
     * The sample's own value: the loss's per-sample value (edit-distance), or the utterance's own
     * rate (wer, cer, mer, wil: the value that loss gives it under {@code --reduction none}).
     *
     * @throws InvalidSampleException as the loss would for this sample
     */
    double value(Sample sample);

    /**
     * One minimum-cost alignment of the sample, the one whose counts the loss reports (its hits,
     * substitutions, deletions and insertions are this alignment's).
     *
     * @throws TooLong when the traceback would take more than {@link #MAX_CELLS} cells
     * @throws InvalidSampleException as the loss would for this sample
     */
    Alignment align(Sample sample);

    /** An utterance too long to align within {@link #MAX_CELLS}; its message says so. */
    final class TooLong extends RuntimeException {
        public TooLong(String message) {
            super(message, null, false, false);
        }
    }
}
