package io.losskit.spi;

import java.io.DataOutput;
import java.io.IOException;

/**
 * The state of an {@link AggregateLoss} over part of the input: a typed value made of numbers,
 * arrays and {@link CompensatedSum}s. States are mergeable (the state of two parts combined is the
 * state of their union, so an input can be split across threads or machines) and can be written
 * to bytes and read back ({@link #encode}, {@link AggregateLoss#decode}).
 *
 * @param <A> the accumulator's own class, so that {@link #merge} takes one without a cast
 */
public interface Accumulator<A extends Accumulator<A>> {

    /**
     * Adds one sample. A sample that is refused leaves the state as it was.
     *
     * @param weight the sample's weight (1 when the input has none)
     * @throws InvalidSampleException when a value is outside the loss's domain
     */
    void add(Sample sample, double weight);

    /**
     * Adds one sample, with somewhere to report warnings about it (as {@link PerSampleLoss} does).
     * The kernel calls this form; the default ignores {@code tally}.
     *
     * @param weight the sample's weight (1 when the input has none)
     * @param tally where to report warnings about this sample
     * @throws InvalidSampleException when a value is outside the loss's domain
     */
    default void add(Sample sample, double weight, Tally tally) {
        add(sample, weight);
    }

    /**
     * Folds the state of {@code later}, which covers the samples after this one's, into this one.
     * Merging must be associative; where the result depends on the order (per-sample values, say)
     * it is this one's then {@code later}'s.
     *
     * @param later an accumulator made by the same loss instance for the same reduction
     */
    void merge(A later);

    /** The result over every sample added or merged. Does not change the state. */
    LossResult finish();

    /** Writes the whole state, compactly, for {@link AggregateLoss#decode} to read back. */
    void encode(DataOutput out) throws IOException;
}
