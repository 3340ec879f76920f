package io.losskit.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A reader of a format whose library is large (Arrow, Parquet): it lives in a module of its own,
 * in {@code lib/formats/ID/} of the distribution, and is loaded (by {@link java.util.ServiceLoader})
 * only when a file of its format is read, so that the other formats start up as before.
 */
public interface FormatReader {

    /** The format it reads. */
    InputFormat format();

    /**
     * Opens an input of {@link #format()}.
     *
     * @param name the file name for messages ("stdin" for standard input)
     * @param file the file, or null for standard input
     * @param in the input's bytes, buffered, or null when the format needs a file ({@link InputFormat#needsFile()})
     */
    RecordSource open(String name, Path file, InputStream in) throws IOException;
}
