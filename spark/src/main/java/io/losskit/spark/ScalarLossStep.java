package io.losskit.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodeBlock;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.catalyst.expressions.codegen.FalseLiteral$;
import org.apache.spark.sql.catalyst.expressions.codegen.JavaCode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One step of {@link ScalarLossAggregate}, as a Catalyst expression with generated code: a row's
 * term or weight (null when a role is null: the row is skipped), or a step of a compensated sum
 * kept as two doubles, or the value. Each calls {@link ScalarLoss}, in generated code as in
 * {@link #eval}.
 */
final class ScalarLossStep extends Expression implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    enum Op {
        /** w·ℓ of the row of roles (the children), null when one is null. */
        TERM(null),
        /** w of the row of roles (the children): its weight, or 1 when the loss applies none; null when a role is null. */
        WEIGHT(null),
        /** (sum, compensation, x): the sum once x is added; x null leaves it. */
        ADD_SUM("sumAfterAdd"),
        /** (sum, compensation, x): the compensation once x is added; x null leaves it. */
        ADD_COMPENSATION("compensationAfterAdd"),
        /** (sum, compensation, other sum, other compensation): the sum once the other is added. */
        MERGE_SUM("sumAfterMerge"),
        /** (sum, compensation, other sum, other compensation): the compensation once the other is added. */
        MERGE_COMPENSATION("compensationAfterMerge"),
        /** (weighted sum, compensation): reduction sum. */
        SUM("sum"),
        /** (weighted sum, compensation, sum of weights, compensation): reduction mean. */
        MEAN("mean");

        /** The static method of {@link ScalarLoss} that the generated code calls. */
        final String method;

        Op(String method) {
            this.method = method;
        }
    }

    private final Op op;
    /** The loss, for {@link Op#TERM} and {@link Op#WEIGHT}; else null. */
    private final ScalarLoss kernel;
    private final Seq<Expression> children;
    /** The kernel of each thread that evaluates without generated code. */
    private transient ThreadLocal<ScalarLoss> kernels;

    private ScalarLossStep(Op op, ScalarLoss kernel, Seq<Expression> children) {
        this.op = op;
        this.kernel = kernel;
        this.children = children;
    }

    /** {@link Op#TERM} or {@link Op#WEIGHT} of the row of {@code roles}. */
    static ScalarLossStep ofRow(Op op, ScalarLoss kernel, Seq<Expression> roles) {
        return new ScalarLossStep(op, kernel, roles);
    }

    /** A step of the sums, or the value. */
    static ScalarLossStep of(Op op, Expression... args) {
        return new ScalarLossStep(op, null, CollectionConverters.asScala(List.of(args)).toSeq());
    }

    @Override
    public Object eval(InternalRow input) {
        List<Object> v = new ArrayList<>();
        CollectionConverters.asJava(children).forEach(c -> v.add(c.eval(input)));
        switch (op) {
            case TERM, WEIGHT -> {
                if (v.contains(null)) {
                    return null;
                }
                if (op == Op.WEIGHT) {
                    return kernel.weighted() ? v.get(kernel.weightField()) : 1.0;
                }
                ScalarLoss k = kernel();
                for (int i = 0; i < v.size(); i++) {
                    k.set(i, (Double) v.get(i));
                }
                return k.term();
            }
            case ADD_SUM -> {
                return v.get(2) == null ? v.get(0) : ScalarLoss.sumAfterAdd(d(v, 0), d(v, 1), d(v, 2));
            }
            case ADD_COMPENSATION -> {
                return v.get(2) == null ? v.get(1) : ScalarLoss.compensationAfterAdd(d(v, 0), d(v, 1), d(v, 2));
            }
            case MERGE_SUM -> {
                return ScalarLoss.sumAfterMerge(d(v, 0), d(v, 1), d(v, 2), d(v, 3));
            }
            case MERGE_COMPENSATION -> {
                return ScalarLoss.compensationAfterMerge(d(v, 0), d(v, 1), d(v, 2), d(v, 3));
            }
            case SUM -> {
                return ScalarLoss.sum(d(v, 0), d(v, 1));
            }
            default -> {
                return ScalarLoss.mean(d(v, 0), d(v, 1), d(v, 2), d(v, 3));
            }
        }
    }

    private static double d(List<Object> values, int i) {
        return (Double) values.get(i);
    }

    private ScalarLoss kernel() {
        if (kernels == null) {
            kernels = ThreadLocal.withInitial(kernel::copy);
        }
        return kernels.get();
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        List<ExprCode> in = new ArrayList<>();
        CollectionConverters.asJava(children).forEach(c -> in.add(c.genCode(ctx)));
        StringBuilder code = new StringBuilder();
        in.forEach(e -> code.append(e.code()).append('\n'));
        String value = ev.value().toString();
        String isNull = ev.isNull().toString();
        List<String> args = in.stream().map(e -> e.value().toString()).toList();
        String call = ScalarLoss.class.getName() + "." + op.method + "(" + String.join(", ", args) + ")";
        switch (op) {
            case TERM, WEIGHT -> {
                code.append("boolean ").append(isNull).append(" = ")
                        .append(in.stream().map(e -> e.isNull().toString()).collect(Collectors.joining(" || "))).append(";\n");
                code.append("double ").append(value).append(" = 0.0;\n");
                code.append("if (!").append(isNull).append(") {\n");
                if (op == Op.WEIGHT) {
                    code.append(value).append(" = ").append(kernel.weighted() ? args.get(kernel.weightField()) : "1.0").append(";\n");
                } else {
                    String type = ScalarLoss.class.getName();
                    String prototype = ctx.addReferenceObj("losskitKernel", kernel, type);
                    String k = ctx.addMutableState(type, "losskitKernel", f -> f + " = " + prototype + ".copy();", true, true);
                    for (int i = 0; i < args.size(); i++) {
                        code.append(k).append(".set(").append(i).append(", ").append(args.get(i)).append(");\n");
                    }
                    code.append(value).append(" = ").append(k).append(".term();\n");
                }
                code.append("}\n");
                return ev.copy(block(code), ev.isNull(), ev.value());
            }
            case ADD_SUM, ADD_COMPENSATION -> code.append("double ").append(value).append(" = ").append(in.get(2).isNull())
                    .append(" ? ").append(args.get(op == Op.ADD_SUM ? 0 : 1)).append(" : ").append(call).append(";\n");
            default -> code.append("double ").append(value).append(" = ").append(call).append(";\n");
        }
        return ev.copy(block(code), FalseLiteral$.MODULE$, ev.value());
    }

    private static CodeBlock block(StringBuilder code) {
        return new CodeBlock(CollectionConverters.asScala(List.of(code.toString())).toSeq(),
                CollectionConverters.asScala(List.<JavaCode>of()).toSeq());
    }

    @Override
    public boolean nullable() {
        return (op == Op.TERM || op == Op.WEIGHT) && children.exists(Expression::nullable);
    }

    @Override
    public DataType dataType() {
        return DataTypes.DoubleType;
    }

    @Override
    public Seq<Expression> children() {
        return children;
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
        return new ScalarLossStep(op, kernel, newChildren.toSeq());
    }

    @Override
    public String prettyName() {
        return LosskitSpark.FUNCTION + "_" + op.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return prettyName() + "(" + children.mkString(", ") + ")";
    }

    @Override
    public int productArity() {
        return 3;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> op;
            case 1 -> kernel == null ? "" : kernel.key();
            case 2 -> children;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof ScalarLossStep;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScalarLossStep s && s.op == op && s.children.equals(children)
                && Objects.equals(s.kernel == null ? null : s.kernel.key(), kernel == null ? null : kernel.key());
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, kernel == null ? null : kernel.key(), children);
    }
}
