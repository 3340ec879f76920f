package io.losskit.spi;

/**
 * An {@link Accumulator} that can also add a whole batch of samples from its {@link Columns}, as
 * {@link ColumnLoss} does for a per-sample loss. Optional, for speed.
 *
 * <p>{@link #addAll} must leave the state bit for bit as {@link #add} would, row after row, and
 * refuse the samples {@code add} refuses. A row that counts details or reports a warning is one
 * to leave to {@code add}, which has the {@link Tally}, as is any row or shape of input it does not
 * handle itself.
 *
 * @param <A> the accumulator's own class
 */
public interface ColumnAccumulator<A extends Accumulator<A>> extends Accumulator<A> {

    /**
     * Adds rows {@code from … to−1} in order, stopping before the first row it refuses or leaves to
     * {@link #add}. The host then calls {@code add} for that row (which throws if the row is
     * refused, leaving the state as it was) and this method again from the row after it.
     *
     * @param weights the rows' weights, {@code weights[i]} for row {@code i}; null when every
     *     weight is 1
     * @return {@code to} when every row was added, else the row it stopped at (not added)
     */
    int addAll(Columns columns, double[] weights, int from, int to);
}
