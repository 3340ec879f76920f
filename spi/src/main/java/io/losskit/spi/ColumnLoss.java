package io.losskit.spi;

/**
 * A {@link PerSampleLoss} that can also work out the losses of a whole batch of samples from its
 * {@link Columns}: a loop over arrays that the JIT compiles for this loss alone, instead of a call
 * per sample. Optional, for speed; a host that has no columns calls {@link #loss}.
 *
 * <p>{@link #losses} must give bit for bit the values {@link #loss} gives and refuse the samples
 * it refuses. It has no {@link Tally}: a row whose loss counts details or reports a warning is
 * one to leave to {@link #loss}, as is any row or shape of input it does not handle itself.
 */
public interface ColumnLoss extends PerSampleLoss {

    /**
     * Puts the losses of rows {@code from … to−1} into {@code out[from … to−1]}, stopping at the
     * first row it refuses or leaves to {@link #loss}. The host then calls {@link #loss} for that
     * row (which throws if the row is refused) and this method again from the row after it.
     *
     * @return {@code to} when every row's loss is in {@code out}, else the row it stopped at
     */
    int losses(Columns columns, int from, int to, double[] out);
}
