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
    /** The source's column that rows are grouped by ({@code --by}), or −1; then {@link #keyBytes} holds its cells. */
    public final int keyColumn;
    /**
     * The bytes of each row's {@link #keyColumn} cell, one after the other: row i's are
     * {@code keyBytes[i == 0 ? 0 : keyEnds[i − 1] .. keyEnds[i])}, followed by at least eight more
     * bytes (so that a cell can be read eight bytes at a time).
     */
    public byte[] keyBytes;
    public final int[] keyEnds;
    /** How many rows it holds. */
    public int size;
    /** The record number of row 0. */
    public long firstNumber;

    public ColumnBatch(int[] columns, boolean[] integral, int capacity) {
        this(columns, integral, capacity, -1);
    }

    /** @param keyColumn the source's column that rows are grouped by ({@code --by}), or −1 */
    public ColumnBatch(int[] columns, boolean[] integral, int capacity, int keyColumn) {
        this.columns = columns.clone();
        this.integral = integral.clone();
        this.values = new double[columns.length][capacity];
        this.lines = new long[capacity];
        this.keyColumn = keyColumn;
        this.keyBytes = keyColumn < 0 ? null : new byte[16 * capacity];
        this.keyEnds = keyColumn < 0 ? null : new int[capacity];
    }

    /** Stores {@code b[from..to)} as row {@code row}'s key cell (rows in order from 0). */
    public void key(int row, byte[] b, int from, int to) {
        int start = row == 0 ? 0 : keyEnds[row - 1];
        int end = start + to - from;
        if (end + 8 > keyBytes.length) {
            keyBytes = java.util.Arrays.copyOf(keyBytes, 2 * (end + 8));
        }
        System.arraycopy(b, from, keyBytes, start, to - from);
        keyEnds[row] = end;
    }

    public int capacity() {
        return lines.length;
    }

    /** Where row {@code i} is, as a record without values (to locate a problem with it). */
    public Record located(int i) {
        return new FrozenRecord(firstNumber + i, lines[i], new Object[0]);
    }
}
