package io.losskit.cli.input;

/**
 * One record of an input, valid until the source's next {@code next()} call. Columns are
 * addressed by the index the source gave their name ({@link RecordSource#columnIndex}).
 */
public interface Record {

    /** 1-based position among the records (the header is not a record). */
    long number();

    /** 1-based line where the record starts, or −1 when the format has no lines for records. */
    long line();

    /** Whether the record has a value in {@code column} (a JSON field may be absent or null). */
    boolean has(int column);

    /**
     * The value in {@code column} as a number.
     *
     * @throws NumberFormatException when it is not one (the message is the offending text)
     */
    double number(int column);

    /**
     * The value in {@code column}: for CSV/TSV the cell's text; for JSON a {@code Double},
     * {@code String}, {@code Boolean}, {@code double[]} (array of numbers), {@code double[][]}
     * (array of arrays of numbers), {@code String[]} (array of strings) or {@code Object[]}
     * (any other array).
     */
    Object value(int column);

    /**
     * Whether the value in {@code column} is a list: a JSON array, or a cell holding one
     * ({@code [0.1, 0.9]}) or several space-separated items. Cheap: parses nothing.
     */
    boolean isList(int column);

    /**
     * The value in {@code column} as a vector: a list of numbers, a number (a vector of one), or
     * a cell holding a JSON array or space-separated numbers.
     *
     * @throws Cells.BadCell when it is none of these
     */
    default double[] vector(int column) {
        return Cells.vector(value(column));
    }

    /**
     * The value in {@code column} as a matrix: equal-length lists of numbers (JSON, or a cell's JSON text).
     *
     * @throws Cells.BadCell when it is not one, or is ragged
     */
    default double[][] matrix(int column) {
        return Cells.matrix(value(column));
    }

    /**
     * The value in {@code column} as integers: a list, space-separated integers or a JSON array in a cell.
     *
     * @throws Cells.BadCell when an item is not an integer
     */
    default int[] ints(int column) {
        return Cells.ints(value(column));
    }

    /**
     * The value in {@code column} as tokens: a list, or the words of a cell (split at whitespace).
     *
     * @throws Cells.BadCell when it is none of these
     */
    default String[] tokens(int column) {
        return Cells.tokens(value(column));
    }

    /**
     * The value in {@code column} as text (a number as its label: 1.0 is "1").
     *
     * @throws Cells.BadCell when it is a list of numbers, an object or the like
     */
    default String text(int column) {
        return Cells.text(value(column));
    }

    /** A copy that stays valid after the source moves on. */
    Record freeze();
}
