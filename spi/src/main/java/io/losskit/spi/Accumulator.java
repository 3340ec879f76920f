package io.losskit.spi;

/**
 * The state of an {@link AggregateLoss} over part of the input. Accumulators are mergeable: the
 * state of two parts combined is the state of their union, so an input can be split across
 * threads and merged in input order.
 */
public interface Accumulator {

    /**
     * Adds one sample.
     *
     * @param weight the sample's weight (1 when the input has none)
     * @throws InvalidSampleException when a value is outside the loss's domain
     */
    void add(Sample sample, double weight);

    /**
     * Adds one sample, with somewhere to report warnings about it (as {@link PerSampleLoss} does).
     * The engine calls this form; the default ignores {@code tally}.
     *
     * @param weight the sample's weight (1 when the input has none)
     * @param tally where to report warnings about this sample
     * @throws InvalidSampleException when a value is outside the loss's domain
     */
    default void add(Sample sample, double weight, Tally tally) {
        add(sample, weight);
    }

    /**
     * Folds the state of {@code other}, which covers the samples after this one's, into this one.
     *
     * @param other an accumulator made by the same loss instance
     */
    void merge(Accumulator other);

    /** The result over every sample added or merged. */
    LossResult finish();
}
