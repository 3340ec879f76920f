package io.losskit.core;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Sample;

/**
 * A batch loss refused a sample of a batch: the {@link #getCause() cause} names the role and the
 * problem, {@link #sample()} is the sample (as it was added), so that the caller can locate it.
 */
public final class BatchSampleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Sample sample;

    BatchSampleException(InvalidSampleException cause, Sample sample) {
        super(cause.getMessage(), cause);
        this.sample = sample;
    }

    /** The refused sample, the very object given to {@link LossState#add}. */
    public Sample sample() {
        return sample;
    }

    @Override
    public synchronized InvalidSampleException getCause() {
        return (InvalidSampleException) super.getCause();
    }
}
