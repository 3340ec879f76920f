package io.losskit.spark;

import io.losskit.core.LossState;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDescriptor;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One loss as a Catalyst aggregate over its role columns (in the recipe's order), driven by the
 * kernel: the buffer is the loss's {@link LossState}, and it crosses the shuffle as the state's own
 * encoding. Unlike an {@code Aggregator} run through {@code functions.udaf}, it reads Spark's
 * internal rows directly, so a row costs no deserialisation into a {@code Row} of boxed values
 * (that step took most of the time of a 10M-row mse; see the README's benchmark). The expression
 * carries only the recipe; the loss is built on the executor.
 */
final class LossAggregate extends TypedImperativeAggregate<LossState> implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final LossRecipe recipe;
    private final Seq<Expression> children;
    /** Gives the final state's bytes (for the driver to finish) instead of the value. */
    private final boolean states;
    private final int mutableAggBufferOffset;
    private final int inputAggBufferOffset;
    private final int weight;
    private transient UnsafeProjection projection;
    private transient InternalRowSample sample;

    /**
     * @param children the role columns in the recipe's order, already cast to the types
     *     {@link InternalRowSample} reads (numbers as double, arrays of numbers as arrays of double)
     * @param states whether it gives the encoded final state (then a null role is an invalid
     *     sample, as a missing value is on the command line) or the value (then a row with a null
     *     role is skipped, as SQL aggregates skip nulls)
     */
    LossAggregate(LossRecipe recipe, List<Expression> children, boolean states) {
        this(recipe, CollectionConverters.asScala(children).toSeq(), states, 0, 0);
    }

    private LossAggregate(LossRecipe recipe, Seq<Expression> children, boolean states,
                          int mutableAggBufferOffset, int inputAggBufferOffset) {
        this.recipe = recipe;
        this.children = children;
        this.states = states;
        this.mutableAggBufferOffset = mutableAggBufferOffset;
        this.inputAggBufferOffset = inputAggBufferOffset;
        this.weight = recipe.roles.indexOf(LossDescriptor.WEIGHT);
    }

    @Override
    public LossState createAggregationBuffer() {
        return recipe.newState();
    }

    @Override
    public LossState update(LossState state, InternalRow input) {
        if (sample == null) {
            // One projection into an UnsafeRow: measured faster than reading the scan's rows in place.
            projection = UnsafeProjection.create(children);
            sample = new InternalRowSample(recipe.roles, CollectionConverters.asJava(children).stream()
                    .map(Expression::dataType).toList());
        }
        sample.of(projection.apply(input));
        if (sample.hasNull()) {
            if (states) {
                throw new InvalidSampleException(sample.nullRole(), "no value (null)");
            }
            return state;
        }
        state.add(sample, weight < 0 ? 1.0 : sample.weight(weight));
        return state;
    }

    @Override
    public LossState merge(LossState earlier, LossState later) {
        earlier.merge(later);
        return earlier;
    }

    @Override
    public Object eval(LossState state) {
        return states ? state.encode() : (Object) state.finish().value();
    }

    @Override
    public byte[] serialize(LossState state) {
        return state.encode();
    }

    @Override
    public LossState deserialize(byte[] bytes) {
        return recipe.decode(bytes);
    }

    @Override
    public DataType dataType() {
        return states ? DataTypes.BinaryType : DataTypes.DoubleType;
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public Seq<Expression> children() {
        return children;
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
        return new LossAggregate(recipe, newChildren.toSeq(), states, mutableAggBufferOffset, inputAggBufferOffset);
    }

    @Override
    public int mutableAggBufferOffset() {
        return mutableAggBufferOffset;
    }

    @Override
    public int inputAggBufferOffset() {
        return inputAggBufferOffset;
    }

    @Override
    public LossAggregate withNewMutableAggBufferOffset(int offset) {
        return new LossAggregate(recipe, children, states, offset, inputAggBufferOffset);
    }

    @Override
    public LossAggregate withNewInputAggBufferOffset(int offset) {
        return new LossAggregate(recipe, children, states, mutableAggBufferOffset, offset);
    }

    @Override
    public String prettyName() {
        return LosskitSpark.FUNCTION;
    }

    @Override
    public String toString() {
        return LosskitSpark.describe(recipe, children);
    }

    // A Catalyst expression is a Scala product; these name its fields for tree printing and equality.
    @Override
    public int productArity() {
        return 5;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> recipe.key();
            case 1 -> children;
            case 2 -> states;
            case 3 -> mutableAggBufferOffset;
            case 4 -> inputAggBufferOffset;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof LossAggregate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LossAggregate a && a.recipe.key().equals(recipe.key()) && a.children.equals(children)
                && a.states == states && a.mutableAggBufferOffset == mutableAggBufferOffset
                && a.inputAggBufferOffset == inputAggBufferOffset;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(recipe.key(), children, states, mutableAggBufferOffset, inputAggBufferOffset);
    }
}
