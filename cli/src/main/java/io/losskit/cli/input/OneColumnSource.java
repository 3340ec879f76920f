package io.losskit.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A file that holds one role and so one column, named after the side it is given on ({@code pred}
 * for {@code -p}, {@code target} for {@code -t}): text lines and NumPy arrays.
 */
abstract class OneColumnSource implements RecordSource {

    protected final String name;
    protected final String column;
    protected final InputStream in;

    OneColumnSource(String name, InputStream in, String column) {
        this.name = name;
        this.column = column;
        this.in = in;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> columns() {
        return List.of(column);
    }

    @Override
    public final int columnIndex(String name) {
        return column.equals(name) ? 0 : -1;
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }
}
