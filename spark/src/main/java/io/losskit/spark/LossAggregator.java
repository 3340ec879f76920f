package io.losskit.spark;

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
 * One loss as a Spark aggregator over rows of its role columns (in the recipe's order). It
 * carries only the recipe; the loss is built on the executor. Rows with a null role are skipped,
 * as SQL aggregates skip nulls. The buffer crosses the shuffle as the state's own encoding.
 */
final class LossAggregator extends Aggregator<Row, EvaluationState, Double> {

    private static final long serialVersionUID = 1L;

    private final LossRecipe recipe;
    private transient RowSample sample;

    LossAggregator(LossRecipe recipe) {
        this.recipe = recipe;
    }

    @Override
    public EvaluationState zero() {
        return recipe.newState();
    }

    @Override
    public EvaluationState reduce(EvaluationState state, Row row) {
        for (int i = 0; i < row.size(); i++) {
            if (row.isNullAt(i)) {
                return state;
            }
        }
        if (sample == null) {
            sample = new RowSample(recipe.roles);
        }
        int w = recipe.roles.indexOf(LossDescriptor.WEIGHT);
        state.add(sample.of(row), w < 0 ? 1.0 : ((Number) row.get(w)).doubleValue());
        return state;
    }

    @Override
    public EvaluationState merge(EvaluationState earlier, EvaluationState later) {
        earlier.merge(later);
        return earlier;
    }

    @Override
    public Double finish(EvaluationState state) {
        return state.finish().value();
    }

    @Override
    public Encoder<EvaluationState> bufferEncoder() {
        return new AgnosticEncoders.TransformingEncoder<>(ClassTag$.MODULE$.apply(EvaluationState.class),
                AgnosticEncoders.BinaryEncoder$.MODULE$, codec(recipe), false);
    }

    private static Function0<Codec<? super EvaluationState, byte[]>> codec(LossRecipe recipe) {
        return (Function0<Codec<? super EvaluationState, byte[]>> & java.io.Serializable) () -> new StateCodec(recipe);
    }

    @Override
    public Encoder<Double> outputEncoder() {
        return Encoders.DOUBLE();
    }

    /** The state as its own bytes. */
    private record StateCodec(LossRecipe recipe) implements Codec<EvaluationState, byte[]> {
        @Override
        public byte[] encode(EvaluationState state) {
            return state.encode();
        }

        @Override
        public EvaluationState decode(byte[] bytes) {
            return recipe.decode(bytes);
        }
    }
}
