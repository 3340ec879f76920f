package io.losskit.spi;

/**
 * A loss whose value is not a mean of per-sample terms (a root of a mean, a ratio of sums, a
 * statistic of the whole input). It keeps its state in a mergeable {@link Accumulator}.
 */
@FunctionalInterface
public non-sealed interface AggregateLoss extends Loss {

    /**
     * A fresh, empty accumulator.
     *
     * @param reduction the reduction the user asked for, one of the descriptor's
     */
    Accumulator newAccumulator(Reduction reduction);
}
