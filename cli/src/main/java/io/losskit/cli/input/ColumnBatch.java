package io.losskit.cli.input;

/**
 * Consecutive rows of a {@link NumberBatches} source as arrays of numbers, one per column asked
 * for: what the engine's columnar path reads instead of a record per row. Reused from batch to
 * batch; the source fills it.
 */
public final class ColumnBatch {

    /** The source's columns, in the order of {@link #values}. */
    public final int[] columns;
    /** Per column, whether it holds class indices: a row whose value there is not an integer is left to the records. */
    public final boolean[] integral;
    /** Per column, its finite numbers of rows 0 to {@link #size} − 1 (integers where {@link #integral}). */
    public final double[][] values;
    /** Per row, its line (−1 where the format has no lines). */
    public final long[] lines;
    /** What rows are grouped by, or null; then {@link #keys} holds each row's key. */
    public final RowKeys keyed;
    /** Per row, its key by {@link #keyed} (when there is one). */
    public final int[] keys;
    /** How many rows it holds. */
    public int size;
    /** The record number of row 0. */
    public long firstNumber;

    public ColumnBatch(int[] columns, boolean[] integral, int capacity) {
        this(columns, integral, capacity, null);
    }

    /** @param keyed what rows are grouped by ({@code --by}), or null: a row without a key is left to the records */
    public ColumnBatch(int[] columns, boolean[] integral, int capacity, RowKeys keyed) {
        this.columns = columns.clone();
        this.integral = integral.clone();
        this.values = new double[columns.length][capacity];
        this.lines = new long[capacity];
        this.keyed = keyed;
        this.keys = keyed == null ? null : new int[capacity];
    }

    public int capacity() {
        return lines.length;
    }

    /** Where row {@code i} is, as a record without values (to locate a problem with it). */
    public Record located(int i) {
        return new FrozenRecord(firstNumber + i, lines[i], new Object[0]);
    }
}
