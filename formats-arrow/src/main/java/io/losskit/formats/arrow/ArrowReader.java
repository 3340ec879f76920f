package io.losskit.formats.arrow;

import io.losskit.cli.input.FormatReader;
import io.losskit.cli.input.InputFormat;
import io.losskit.cli.input.RecordSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Arrow IPC for losskit: found by the cli's {@code FormatReaders} in lib/formats/arrow/. */
public final class ArrowReader implements FormatReader {

    @Override
    public InputFormat format() {
        return InputFormat.ARROW;
    }

    @Override
    public RecordSource open(String name, Path file, InputStream in) throws IOException {
        return new ArrowSource(name, in);
    }
}
