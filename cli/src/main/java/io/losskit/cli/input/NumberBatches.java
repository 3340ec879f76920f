package io.losskit.cli.input;

import java.io.IOException;

/**
 * A source that can also give runs of its rows as arrays of numbers ({@link ColumnBatch}), for
 * the engine's columnar path: a row whose cells are all plain finite numbers then costs array
 * stores, not a record. Any other row (a missing or non-numeric cell, NaN, ±∞, a malformed record)
 * is left to {@link #next()}, so that it is read, checked and reported as on the record path; the
 * two calls may alternate and read the rows in order.
 */
public interface NumberBatches extends RecordSource {

    /**
     * Whether {@link #nextBatch} can read these columns (called before reading; false: read records only).
     *
     * @param keyed whether each row also needs the cell of a key column ({@link ColumnBatch#keyColumn}, {@code --by})
     */
    boolean batches(int[] columns, boolean keyed);

    /**
     * Fills {@code batch} (its columns) with the rows from the next one on, up to its capacity,
     * stopping before the first row that is not plain finite numbers in each of them (or at a
     * boundary of the source's own, such as a Parquet page): that row is then {@link #next()}'s.
     *
     * @return the rows read, also in {@code batch.size}: 0 when the next row is not such a row, or at the end
     */
    int nextBatch(ColumnBatch batch) throws IOException;
}
