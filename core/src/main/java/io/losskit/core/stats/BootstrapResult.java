package io.losskit.core.stats;

import io.losskit.spi.LossResult;

/**
 * A loss's result with its bootstrap replicates.
 *
 * @param point the result over the records themselves
 * @param replicates each replicate's value, in replicate order
 * @param resampling how the replicates were drawn
 */
public record BootstrapResult(LossResult point, double[] replicates, Resampling resampling) {

    /** The percentile interval at {@code level} percent (95 for a 95% interval). */
    public Interval interval(double level) {
        return Interval.percentile(replicates, level, resampling);
    }
}
