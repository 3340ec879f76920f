package io.losskit.spi;

/**
 * A batch of samples read column by column, for a {@link ColumnLoss} or a
 * {@link ColumnAccumulator}. A host offers one when each role of the batch is one column of
 * numbers, or one column per element for a vector role: rows {@code 0 … size()−1}, a row's values
 * those its {@link #row} sample gives. A class index is a number too: its column holds the index
 * as a double. The arrays hold at least {@code size()} values and must not be modified; like a
 * {@link Sample}, a batch is only valid during the call it is passed to.
 */
public interface Columns {

    /** The number of rows. */
    int size();

    /** Whether the batch provides {@code role} (for optional roles such as {@code weight}). */
    boolean has(String role);

    /** Whether {@code role} is a vector (one column per element) rather than one column. */
    boolean isVector(String role);

    /**
     * The column of a role that is one number per row (a {@link RoleKind#NUMBER}, a scalar
     * {@link RoleKind#NUMERIC}, or a {@link RoleKind#CLASS} given as an index).
     *
     * @throws InvalidSampleException when the role is a vector
     */
    double[] column(String role);

    /** The columns of a vector role, element by element; one column for a role that is a number. */
    double[][] columns(String role);

    /**
     * Row {@code i} as a sample, valid until the next call of this method: for the rows a loss
     * works out one at a time.
     */
    Sample row(int i);
}
