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
     * Folds the state of {@code other}, which covers the samples after this one's, into this one.
     *
     * @param other an accumulator made by the same loss instance
     */
    void merge(Accumulator other);

    /** The result over every sample added or merged. */
    LossResult finish();
}
