package io.losskit.spi;

import java.io.DataInput;
import java.io.IOException;

/**
 * A loss whose value is not a mean of per-sample terms (a root of a mean, a ratio of sums, a
 * statistic of the whole input). It keeps its state in a mergeable {@link Accumulator} of a type
 * it declares.
 *
 * @param <A> the state's type
 */
public non-sealed interface AggregateLoss<A extends Accumulator<A>> extends Loss {

    /**
     * A fresh, empty accumulator.
     *
     * @param reduction the reduction asked for, one of the descriptor's
     */
    A newAccumulator(Reduction reduction);

    /**
     * Reads back a state that an accumulator of this loss instance, made for {@code reduction},
     * wrote with {@link Accumulator#encode}.
     */
    A decode(Reduction reduction, DataInput in) throws IOException;
}
