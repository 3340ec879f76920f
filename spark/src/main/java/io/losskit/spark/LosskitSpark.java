package io.losskit.spark;

import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Reduction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Cast$;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GetStructField;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateFunction;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The losses on Spark. {@link #register} adds the SQL function
 * {@code losskit(loss, pred, target [, weight] [, params])}: {@code loss} a string literal,
 * {@code pred} and {@code target} numbers, strings or arrays (vectors, matrices, sequences),
 * {@code weight} a number column, {@code params} a literal {@code map('delta', '0.5', …)} whose
 * key {@code reduction} says {@code mean} (the default) or {@code sum}. Losses that read other
 * roles take them by name: {@code losskit(loss, named_struct('pred', p, 'target', t, 'var', v) [, params])}.
 */
public final class LosskitSpark {

    /** The name of the SQL function. */
    public static final String FUNCTION = "losskit";

    private static final String USAGE = FUNCTION + "(loss, pred, target [, weight] [, params]) or "
            + FUNCTION + "(loss, named_struct('ROLE', column, …) [, params])";

    private LosskitSpark() {
    }

    /** Registers {@value #FUNCTION} in {@code spark}'s session. */
    public static void register(SparkSession spark) {
        ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().functionRegistry()
                .createOrReplaceTempFunction(FUNCTION, LosskitSpark::call, "scala_udf");
    }

    /**
     * The loss as a typed aggregator for the Dataset API, over rows whose columns are the roles
     * {@code roles}, in order (numbers, strings, arrays; {@code weight} a sample weight):
     * {@code preds.select(col("p"), col("y")).select(LosskitSpark.aggregator("huber", Map.of("delta", "0.5"), "pred", "target").toColumn())}.
     * {@code params} may hold {@code reduction} ({@code mean}, the default, or {@code sum}). Rows
     * with a null role are skipped. The loss and its parameters are checked here.
     */
    public static Aggregator<Row, ?, Double> aggregator(String loss, Map<String, String> params, String... roles) {
        Map<String, String> p = new LinkedHashMap<>(params);
        Reduction r = reduction(String.valueOf(p.getOrDefault("reduction", "mean")));
        p.remove("reduction");
        return new LossAggregator(new LossRecipe(loss, p, r, List.of(roles)).check());
    }

    /** The aggregate expression of one call, built once its arguments' types are known. */
    private static Expression call(scala.collection.immutable.Seq<Expression> arguments) {
        List<Expression> args = new ArrayList<>(CollectionConverters.asJava(arguments));
        if (args.size() < 2 || args.size() > 5) {
            throw new IllegalArgumentException(USAGE + " takes 2 to 5 arguments, not " + args.size());
        }
        Map<String, String> params = new LinkedHashMap<>();
        Expression last = args.get(args.size() - 1);
        if (last.dataType() instanceof MapType) {
            params = literalMap(last);
            args.remove(args.size() - 1);
        }
        String reduction = params.getOrDefault("reduction", "mean");
        params.remove("reduction");
        Expression loss = args.remove(0);
        if (!loss.foldable() || !(loss.dataType() instanceof StringType)) {
            throw new IllegalArgumentException(FUNCTION + ": the loss is a string literal, e.g. 'mse'");
        }
        List<String> roles = new ArrayList<>();
        if (args.size() == 1 && args.get(0).dataType() instanceof StructType struct) {
            // named_struct('pred', p, 'target', t, 'var', v): every role by its name
            Expression roleStruct = args.remove(0);
            for (int i = 0; i < struct.fields().length; i++) {
                roles.add(struct.fields()[i].name());
                args.add(new GetStructField(roleStruct, i, scala.Option.apply(struct.fields()[i].name())));
            }
        } else {
            roles.addAll(List.of("pred", "target"));
            if (args.size() == 3) {
                roles.add(LossDescriptor.WEIGHT);
            }
            if (args.size() != roles.size()) {
                throw new IllegalArgumentException(USAGE + ": the params are a map");
            }
        }
        LossRecipe recipe = new LossRecipe(String.valueOf(loss.eval(null)), params, reduction(reduction), roles).check();
        return aggregate(recipe, args, args.stream().map(Expression::dataType).toList(), false);
    }

    /**
     * The aggregate of {@code recipe} over {@code columns} (its roles, in order, of these types),
     * each cast to the type the loss reads it as; it gives the value, or the encoded final state
     * when {@code states}. The value of a per-sample loss over numbers comes from a
     * {@link ScalarLossAggregate}, which Spark runs in generated code; anything else from a
     * {@link LossAggregate}.
     */
    static AggregateFunction aggregate(LossRecipe recipe, List<Expression> columns, List<DataType> types, boolean states) {
        List<Expression> cast = new ArrayList<>();
        List<DataType> castTypes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Expression c = columns.get(i);
            DataType t = columnType(types.get(i), recipe.roles.get(i));
            cast.add(t.equals(types.get(i)) ? c : new Cast(c, t, scala.Option.empty(), Cast$.MODULE$.apply$default$4()));
            castTypes.add(t);
        }
        return !states && ScalarLossAggregate.fits(recipe, castTypes) ? new ScalarLossAggregate(recipe, cast)
                : new LossAggregate(recipe, cast, states);
    }

    /** An aggregate of {@code recipe} over {@code children} as plans print it. */
    static String describe(LossRecipe recipe, scala.collection.immutable.Seq<Expression> children) {
        return FUNCTION + "(" + recipe.loss + ", " + children.mkString(", ") + ")";
    }

    private static Reduction reduction(String id) {
        try {
            return Reduction.valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FUNCTION + ": reduction is mean or sum, not " + id, e);
        }
    }

    private static Map<String, String> literalMap(Expression e) {
        if (!e.foldable()) {
            throw new IllegalArgumentException(FUNCTION + ": the params are a literal map, e.g. map('delta', '0.5')");
        }
        MapData m = (MapData) e.eval(null);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; m != null && i < m.numElements(); i++) {
            params.put(m.keyArray().getUTF8String(i).toString(), m.valueArray().isNullAt(i) ? null
                    : String.valueOf(m.valueArray().get(i, ((MapType) e.dataType()).valueType())));
        }
        return params;
    }

    /** The type the aggregator reads a column as: numbers as doubles, arrays of numbers as arrays of doubles. */
    static DataType columnType(DataType t, String role) {
        if (t instanceof NumericType) {
            return DataTypes.DoubleType;
        }
        if (t instanceof StringType) {
            return t;
        }
        if (t instanceof ArrayType a) {
            return DataTypes.createArrayType(a.elementType() instanceof StringType ? a.elementType()
                    : columnType(a.elementType(), role));
        }
        throw new IllegalArgumentException(FUNCTION + ": " + role + " is a number, a string or an array, not " + t.simpleString());
    }
}
