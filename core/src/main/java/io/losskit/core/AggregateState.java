package io.losskit.core;

import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.ColumnAccumulator;
import io.losskit.spi.Columns;
import io.losskit.spi.LossResult;
import io.losskit.spi.Sample;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** An aggregate loss: its own accumulator, of the type the loss declares. */
final class AggregateState<A extends Accumulator<A>> extends LossState {

    private final Class<?> type;
    private final A accumulator;

    AggregateState(Evaluator evaluator, AggregateLoss<A> loss) {
        super(evaluator);
        this.accumulator = loss.newAccumulator(evaluator.reduction());
        this.type = accumulator.getClass();
    }

    AggregateState(Evaluator evaluator, AggregateLoss<A> loss, DataInput in) throws IOException {
        super(evaluator);
        tally.decode(in);
        this.accumulator = loss.decode(evaluator.reduction(), in);
        this.type = accumulator.getClass();
    }

    @Override
    double prepare(Sample sample) {
        return 0;
    }

    @Override
    void commit(Sample sample, double prepared, double weight) {
        accumulator.add(sample, weight, tally);
    }

    @Override
    boolean takesColumns() {
        return accumulator instanceof ColumnAccumulator;
    }

    /** {@link ColumnAccumulator#addAll} of rows {@code from … to−1}: the row it stopped at, or {@code to}. */
    int addAll(Columns columns, double[] weights, int from, int to) {
        return ((ColumnAccumulator<?>) accumulator).addAll(columns, weights, from, to);
    }

    @Override
    void mergeShape(LossState later) {
        AggregateState<?> other = (AggregateState<?>) later;
        if (other.type != type) {
            throw new IllegalArgumentException("cannot merge a " + other.type.getName() + " into a " + type.getName());
        }
        // Same loss class, reduction and accumulator class: the accumulator is an A.
        @SuppressWarnings("unchecked")
        A same = (A) other.accumulator;
        accumulator.merge(same);
    }

    @Override
    LossResult result() {
        return accumulator.finish();
    }

    @Override
    void encodeShape(DataOutput out) throws IOException {
        accumulator.encode(out);
    }
}
