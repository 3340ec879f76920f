package io.losskit.spark;

import io.losskit.spi.Reduction;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression$;
import org.apache.spark.sql.catalyst.expressions.aggregate.DeclarativeAggregate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A per-sample loss over number roles, as the SQL function gives its value: a Catalyst
 * {@link DeclarativeAggregate}, so that Spark generates the code of the whole stage and feeds it
 * the scan's column values directly, as it does its own {@code avg} (an imperative aggregate such
 * as {@link LossAggregate} is fed rows, which the stage must first build). The buffer is what the
 * kernel's per-sample state sums, as four doubles: Σw·ℓ and Σw, each a {@link
 * io.losskit.spi.CompensatedSum} (sum and compensation), updated by {@link ScalarLoss}, so the
 * value is the kernel's bit for bit. Details and warnings are not kept: the function gives only
 * the value. The expression carries only the recipe; the loss is built on the executor.
 */
final class ScalarLossAggregate extends DeclarativeAggregate implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final LossRecipe recipe;
    private final ScalarLoss kernel;
    private final Seq<Expression> children;
    private final AttributeReference weightedSum = slot("weighted_sum");
    private final AttributeReference weightedCompensation = slot("weighted_compensation");
    private final AttributeReference weightSum = slot("weight_sum");
    private final AttributeReference weightCompensation = slot("weight_compensation");

    /** @param children the role columns in the recipe's order, doubles */
    ScalarLossAggregate(LossRecipe recipe, List<Expression> children) {
        this(recipe, CollectionConverters.asScala(children).toSeq());
    }

    private ScalarLossAggregate(LossRecipe recipe, Seq<Expression> children) {
        this.recipe = recipe;
        this.kernel = new ScalarLoss(recipe);
        this.children = children;
    }

    /** Whether the aggregate computes {@code recipe} over columns of these types: a per-sample loss over doubles. */
    static boolean fits(LossRecipe recipe, List<DataType> types) {
        return recipe.perSample() && types.stream().allMatch(DataTypes.DoubleType::equals);
    }

    private static AttributeReference slot(String name) {
        return new AttributeReference(name, DataTypes.DoubleType, false, Metadata.empty(), NamedExpression$.MODULE$.newExprId(),
                CollectionConverters.asScala(List.<String>of()).toSeq());
    }

    @Override
    public Seq<AttributeReference> aggBufferAttributes() {
        return seq(weightedSum, weightedCompensation, weightSum, weightCompensation);
    }

    @Override
    public Seq<Expression> initialValues() {
        Literal zero = new Literal(0.0, DataTypes.DoubleType);
        return seq(zero, zero, zero, zero);
    }

    @Override
    public Seq<Expression> updateExpressions() {
        Expression term = ScalarLossStep.ofRow(ScalarLossStep.Op.TERM, kernel, children);
        Expression weight = ScalarLossStep.ofRow(ScalarLossStep.Op.WEIGHT, kernel, children);
        return seq(ScalarLossStep.of(ScalarLossStep.Op.ADD_SUM, weightedSum, weightedCompensation, term),
                ScalarLossStep.of(ScalarLossStep.Op.ADD_COMPENSATION, weightedSum, weightedCompensation, term),
                ScalarLossStep.of(ScalarLossStep.Op.ADD_SUM, weightSum, weightCompensation, weight),
                ScalarLossStep.of(ScalarLossStep.Op.ADD_COMPENSATION, weightSum, weightCompensation, weight));
    }

    @Override
    public Seq<Expression> mergeExpressions() {
        Seq<AttributeReference> other = inputAggBufferAttributes();
        return seq(ScalarLossStep.of(ScalarLossStep.Op.MERGE_SUM, weightedSum, weightedCompensation, other.apply(0), other.apply(1)),
                ScalarLossStep.of(ScalarLossStep.Op.MERGE_COMPENSATION, weightedSum, weightedCompensation, other.apply(0),
                        other.apply(1)),
                ScalarLossStep.of(ScalarLossStep.Op.MERGE_SUM, weightSum, weightCompensation, other.apply(2), other.apply(3)),
                ScalarLossStep.of(ScalarLossStep.Op.MERGE_COMPENSATION, weightSum, weightCompensation, other.apply(2),
                        other.apply(3)));
    }

    @Override
    public Expression evaluateExpression() {
        return recipe.reduction == Reduction.SUM ? ScalarLossStep.of(ScalarLossStep.Op.SUM, weightedSum, weightedCompensation)
                : ScalarLossStep.of(ScalarLossStep.Op.MEAN, weightedSum, weightedCompensation, weightSum, weightCompensation);
    }

    @SafeVarargs
    private static <T> Seq<T> seq(T... items) {
        return CollectionConverters.asScala(List.of(items)).toSeq();
    }

    @Override
    public DataType dataType() {
        return DataTypes.DoubleType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public Seq<Expression> children() {
        return children;
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
        return new ScalarLossAggregate(recipe, newChildren.toSeq());
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
        return 2;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> recipe.key();
            case 1 -> children;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof ScalarLossAggregate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScalarLossAggregate a && a.recipe.key().equals(recipe.key()) && a.children.equals(children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipe.key(), children);
    }
}
