package io.losskit.spark;

import io.losskit.core.LossState;
import io.losskit.spi.LossDescriptor;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders;
import org.apache.spark.sql.catalyst.encoders.Codec;
import org.apache.spark.sql.expressions.Aggregator;
import scala.Function0;
import scala.reflect.ClassTag$;

/**
 * One loss as a typed Spark {@link Aggregator} over rows of its role columns (in the recipe's
 * order), driven by the kernel: the buffer is the loss's {@link LossState}, and it crosses the
 * shuffle as the state's own encoding; rows with a null role are skipped, as SQL aggregates skip
 * nulls. The aggregator carries only the recipe; the loss is built on the executor. This is the
 * Dataset API's form ({@link LosskitSpark#aggregator}); SQL and {@code SparkScore} use
 * {@link ScalarLossAggregate} or {@link LossAggregate}, which read Spark's internal values without
 * building a {@code Row}.
 */
final class LossAggregator extends Aggregator<Row, LossState, Double> {

    private static final long serialVersionUID = 3L;

    final LossRecipe recipe;
    private final int weight;
    private transient RowSample sample;

    LossAggregator(LossRecipe recipe) {
        this.recipe = recipe;
        this.weight = recipe.roles.indexOf(LossDescriptor.WEIGHT);
    }

    @Override
    public Double finish(LossState state) {
        return state.finish().value();
    }

    @Override
    public Encoder<Double> outputEncoder() {
        return Encoders.DOUBLE();
    }

    @Override
    public LossState zero() {
        return recipe.newState();
    }

    @Override
    public LossState reduce(LossState state, Row row) {
        for (int i = 0; i < row.size(); i++) {
            if (row.isNullAt(i)) {
                return state;
            }
        }
        if (sample == null) {
            sample = new RowSample(recipe.roles);
        }
        state.add(sample.of(row), weight < 0 ? 1.0 : row.getDouble(weight));
        return state;
    }

    @Override
    public LossState merge(LossState earlier, LossState later) {
        earlier.merge(later);
        return earlier;
    }

    @Override
    public Encoder<LossState> bufferEncoder() {
        return new AgnosticEncoders.TransformingEncoder<>(ClassTag$.MODULE$.apply(LossState.class),
                AgnosticEncoders.BinaryEncoder$.MODULE$, codec(recipe), false);
    }

    private static Function0<Codec<? super LossState, byte[]>> codec(LossRecipe recipe) {
        return (Function0<Codec<? super LossState, byte[]>> & java.io.Serializable) () -> new StateCodec(recipe);
    }

    /** The state as the kernel encodes it. */
    private record StateCodec(LossRecipe recipe) implements Codec<LossState, byte[]> {
        @Override
        public byte[] encode(LossState state) {
            return state.encode();
        }

        @Override
        public LossState decode(byte[] bytes) {
            return recipe.decode(bytes);
        }
    }
}
