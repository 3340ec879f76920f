package io.losskit.cli.input;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A file whose columns are named in its metadata (a zip's directory, an Arrow schema), known
 * before the first record as a header's are, and read only where a role reads them.
 */
public abstract class ColumnarSource implements RecordSource {

    protected final String name;
    /** The columns, in the file's order; the subclass adds them when it opens the file. */
    protected final List<String> columns = new ArrayList<>();
    /** The columns anything reads ({@link #readsOnly}); all of them until told. */
    protected Predicate<String> reads = c -> true;

    protected ColumnarSource(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    @Override
    public final void readsOnly(Predicate<String> columns) {
        reads = columns;
    }

    @Override
    public final boolean hasHeader() {
        return true;
    }

    @Override
    public final int columnIndex(String name) {
        return columns.indexOf(name);
    }
}
