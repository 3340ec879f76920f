package io.losskit.cli.input;

import java.io.IOException;
import java.util.List;

/**
 * A source whose records can be cut into consecutive parts, each read on a thread of its own (a
 * plain CSV/TSV file). A cut is a guess at a record boundary; a part that does not end where the
 * next one begins shows that the guess was wrong (a quoted line break), and the input is then read
 * in one pass.
 */
public interface SplittableSource extends RecordSource {

    /**
     * About {@code n} parts that together hold all its records, from the first (whatever this
     * source has read itself), in order; fewer when the input is small, none when it cannot be cut
     * (standard input, a compressed file).
     */
    List<? extends Part> split(int n) throws IOException;

    /** The lines before the first record: the header's and blank lines. */
    long headerLines();

    /** One part of the input. */
    interface Part {
        /** A source of the part's records, which it numbers from 1, as it numbers its lines. */
        PartSource open() throws IOException;

        /**
         * How far the part moves the records' keys on, counted before it is read (for the
         * bootstrap, which keys a record on its position in the whole input): its line breaks
         * for a text format, whose records are keyed on the line they start on (a scan of its
         * bytes); its records for one without lines (from metadata).
         */
        long keySpan() throws IOException;
    }

    /** The source of one part. */
    interface PartSource extends RecordSource {
        /** The bytes of the input it covers (0 when it does not count bytes, as a Parquet part counts records). */
        default long bytes() {
            return 0;
        }

        /** The bytes it has read so far, about (read from another thread, for the progress line). */
        default long bytesRead() {
            return 0;
        }

        /** The lines it has read. */
        long linesRead();

        /** Once read to its end: whether it ended exactly where the next part begins. */
        boolean endedAtCut();
    }
}
