package io.losskit.core.stats;

import io.losskit.spi.LossResult;

/**
 * One loss's comparison of two systems.
 *
 * @param baseline the baseline's result
 * @param candidate the candidate's result
 * @param difference candidate − baseline
 * @param interval the paired bootstrap interval of the difference
 * @param bootstrapP the paired bootstrap's p-value of "no difference"
 * @param randomizationP approximate randomization's p-value, NaN when not computed (an aggregate
 *     loss, no trials, or a term that is not finite)
 * @param trials the randomization trials behind {@code randomizationP}, 0 when not computed
 */
public record ComparisonResult(LossResult baseline, LossResult candidate, double difference, Interval interval,
                               double bootstrapP, double randomizationP, int trials) {
}
