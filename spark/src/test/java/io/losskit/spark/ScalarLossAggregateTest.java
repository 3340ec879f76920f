package io.losskit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.spi.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateFunction;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL function's form of a per-sample loss over numbers, {@link ScalarLossAggregate}, with
 * Spark's generated code on (the other test classes turn it off, which runs the expressions'
 * {@code eval}): Spark runs it inside the whole-stage generated code, as it does its own
 * {@code avg} (this guards the Catalyst internals it uses), and its value is, bit for bit, that of
 * the kernel's {@link io.losskit.core.LossState}s in {@link LossAggregate} over the same partitions, with and
 * without generated code: weighted and not, mean and sum, grouped, with null roles skipped and
 * an infinite loss of weight 0 adding nothing.
 */
class ScalarLossAggregateTest {

    private static SparkSession spark;
    private static Dataset<Row> rows;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
        codegen(true);
        // 20,000 rows in 7 partitions: a null pred every 97th row, weight 0 every 89th, and then
        // an infinite pred every 1,001st (whose weight is 0).
        rows = spark.sql("SELECT id % 3 AS g,"
                + " CASE WHEN id % 97 = 0 THEN NULL WHEN id % 1001 = 0 THEN double('inf') ELSE sin(id) * 3 END AS pred,"
                + " CAST(id % 11 AS INT) - cos(id * 0.7) AS target,"
                + " CASE WHEN id % 89 = 0 OR id % 1001 = 0 THEN 0.0D ELSE (id % 5) * 0.5D + 0.25D END AS w"
                + " FROM range(0, 20000, 1, 7)");
        rows.createOrReplaceTempView("rows");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static void codegen(boolean on) {
        spark.conf().set("spark.sql.codegen.wholeStage", String.valueOf(on));
        spark.conf().set("spark.sql.codegen.factoryMode", on ? "CODEGEN_ONLY" : "NO_CODEGEN");
    }

    @Test
    void sparkRunsItInWholeStageGeneratedCode() {
        String plan = spark.sql("SELECT losskit('mse', pred, target) FROM rows").queryExecution().executedPlan().toString();
        assertThat(plan).contains("*(1) HashAggregate(keys=[], functions=[partial_losskit(").doesNotContain("ObjectHashAggregate");
        String grouped = spark.sql("SELECT g, losskit('huber', pred, target, w) FROM rows GROUP BY g").queryExecution()
                .executedPlan().toString();
        assertThat(grouped).contains("HashAggregate(keys=[g").contains("functions=[partial_losskit(").doesNotContain("ObjectHash");
        // the kernel's aggregate for what needs more than numbers, or the state itself
        assertThat(spark.sql("SELECT losskit('cer', CAST(pred AS STRING), CAST(target AS STRING)) FROM rows")
                .queryExecution().executedPlan().toString()).contains("ObjectHashAggregate");
    }

    @Test
    void itsValuesAreTheKernelsBitForBit() {
        same("mse", Map.of(), Reduction.MEAN, false);
        same("mse", Map.of(), Reduction.SUM, true);
        same("huber", Map.of("delta", "0.5"), Reduction.MEAN, true);
        codegen(false);
        try {
            same("huber", Map.of("delta", "0.5"), Reduction.MEAN, true);
        } finally {
            codegen(true);
        }
    }

    /** {@code loss} over the rows, overall and by g: the generated-code aggregate against the kernel's. */
    private static void same(String loss, Map<String, String> params, Reduction reduction, boolean weighted) {
        List<String> roles = new ArrayList<>(List.of("pred", "target"));
        if (weighted) {
            roles.add("weight");
        }
        LossRecipe recipe = new LossRecipe(loss, params, reduction, roles).check();
        List<Expression> columns = new ArrayList<>();
        for (String c : weighted ? List.of("pred", "target", "w") : List.of("pred", "target")) {
            columns.add(ExpressionUtils.expression(functions.col(c)));
        }
        Column scalar = column(new ScalarLossAggregate(recipe, columns));
        Column kernel = column(new LossAggregate(recipe, columns, false));
        String what = loss + params + " " + reduction + (weighted ? " weighted" : "");
        // unweighted, the infinite pred would make every value infinite
        Dataset<Row> input = weighted ? rows : rows.where("pred IS NULL OR pred < 1e300");
        // one query each: beside an imperative aggregate, Spark would run both without generated code
        double overall = input.agg(scalar).first().getDouble(0);
        assertThat(overall).as(what).isEqualTo(input.agg(kernel).first().getDouble(0)).isFinite();
        Map<Long, Double> byGroup = byGroup(input.groupBy("g").agg(scalar));
        assertThat(byGroup).as(what + " by group").hasSize(3).isEqualTo(byGroup(input.groupBy("g").agg(kernel)));
    }

    private static Map<Long, Double> byGroup(Dataset<Row> grouped) {
        return grouped.collectAsList().stream().collect(java.util.stream.Collectors.toMap(r -> r.getLong(0), r -> r.getDouble(1)));
    }

    private static Column column(AggregateFunction f) {
        return ExpressionUtils.column(f.toAggregateExpression());
    }

    @Test
    void theSqlFunctionGivesTheKernelsValueAndItsErrors() {
        double sql = spark.sql("SELECT losskit('mse', pred, target, w) FROM rows").first().getDouble(0);
        LossRecipe recipe = new LossRecipe("mse", Map.of(), Reduction.MEAN, List.of("pred", "target", "weight")).check();
        Expression[] columns = {ExpressionUtils.expression(functions.col("pred")), ExpressionUtils.expression(functions.col("target")),
                ExpressionUtils.expression(functions.col("w"))};
        assertThat(sql).isEqualTo(rows.agg(column(new LossAggregate(recipe, List.of(columns), false))).first().getDouble(0));
        // beside an imperative aggregate Spark runs it in a generated projection, without whole-stage code
        Row mixed = spark.sql("SELECT losskit('mse', pred, target, w), losskit('cer', CAST(g AS STRING), '1') FROM rows").first();
        assertThat(mixed.getDouble(0)).isEqualTo(sql);
        // bce refuses a probability above 1, from the generated code as from the kernel
        assertThatThrownBy(() -> spark.sql("SELECT losskit('bce', pred, IF(target > 5, 1.0D, 0.0D)) FROM rows").collect())
                .hasStackTraceContaining("[0, 1]");
    }
}
