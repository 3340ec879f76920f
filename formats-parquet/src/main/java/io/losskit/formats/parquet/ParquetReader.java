package io.losskit.formats.parquet;

import io.losskit.cli.input.FormatReader;
import io.losskit.cli.input.InputFormat;
import io.losskit.cli.input.RecordSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Parquet for losskit: found by the cli's {@code FormatReaders} in lib/formats/parquet/. */
public final class ParquetReader implements FormatReader {

    @Override
    public InputFormat format() {
        return InputFormat.PARQUET;
    }

    @Override
    public RecordSource open(String name, Path file, InputStream in) throws IOException {
        // Inputs refuses standard input for a format that needs a file; a footer is read from the end.
        return new ParquetSource(name, file);
    }
}
