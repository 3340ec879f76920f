package io.losskit.spark;

import io.losskit.core.LossState;
import io.losskit.spi.InvalidSampleException;
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
 * One loss as a Spark aggregator over rows of its role columns (in the recipe's order), driven by
 * the kernel: the buffer is the loss's {@link LossState}, and it crosses the shuffle as the
 * state's own encoding. The aggregator carries only the recipe; the loss is built on the executor.
 *
 * @param <O> what it gives: the value ({@link #values}), or the final state's bytes ({@link #states})
 */
abstract class LossAggregator<O> extends Aggregator<Row, LossState, O> {

    private static final long serialVersionUID = 2L;

    final LossRecipe recipe;
    private final boolean nullIsInvalid;
    private final int weight;
    private transient RowSample sample;

    private LossAggregator(LossRecipe recipe, boolean nullIsInvalid) {
        this.recipe = recipe;
        this.nullIsInvalid = nullIsInvalid;
        this.weight = recipe.roles.indexOf(LossDescriptor.WEIGHT);
    }

    /** The loss's value; rows with a null role are skipped, as SQL aggregates skip nulls. */
    static LossAggregator<Double> values(LossRecipe recipe) {
        return new LossAggregator<>(recipe, false) {
            private static final long serialVersionUID = 1L;

            @Override
            public Double finish(LossState state) {
                return state.finish().value();
            }

            @Override
            public Encoder<Double> outputEncoder() {
                return Encoders.DOUBLE();
            }
        };
    }

    /**
     * The final state, encoded, for the driver to decode and finish (count, details and warnings
     * beside the value); a null role is an invalid sample, as a missing value is on the command line.
     */
    static LossAggregator<byte[]> states(LossRecipe recipe) {
        return new LossAggregator<>(recipe, true) {
            private static final long serialVersionUID = 1L;

            @Override
            public byte[] finish(LossState state) {
                return state.encode();
            }

            @Override
            public Encoder<byte[]> outputEncoder() {
                return Encoders.BINARY();
            }
        };
    }

    @Override
    public LossState zero() {
        return recipe.newState();
    }

    @Override
    public LossState reduce(LossState state, Row row) {
        for (int i = 0; i < row.size(); i++) {
            if (row.isNullAt(i)) {
                if (nullIsInvalid) {
                    throw new InvalidSampleException(recipe.roles.get(i), "no value (null)");
                }
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
