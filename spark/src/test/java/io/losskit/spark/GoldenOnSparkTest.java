package io.losskit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.spi.Reduction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The golden regression and classification cases that have a Spark form (a JSONL input of pred,
 * target and weight columns, mean or sum), through SQL over 7 partitions: the value equals the
 * one-pass value the CLI computes (sum(w·ℓ)/sum(w) in file order) within 1e-12 relative, and the
 * reference library's within the case's tolerance.
 */
class GoldenOnSparkTest {

    private static final Path GOLDEN = Path.of("../builtin-losses/src/test/resources/golden");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("losskit-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "3")
                .getOrCreate();
        LosskitSpark.register(spark);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void goldenCasesMatchTheOnePassValueAndTheReference() {
        int checked = 0;
        List<String> noSparkForm = new ArrayList<>();
        Map<String, Dataset<Row>> inputs = new java.util.HashMap<>();
        Map<Dataset<Row>, List<Case>> byFile = new LinkedHashMap<>();
        Map<Dataset<Row>, List<Row>> rows = new java.util.HashMap<>();
        for (String category : List.of("regression", "classification")) {
            Path dir = GOLDEN.resolve(category);
            for (Row c : spark.read().option("multiLine", "true").json(dir.resolve("cases.json").toString()).collectAsList()) {
                String file = c.getAs("file");
                String reduction = c.getAs("reduction");
                if (file == null || !file.endsWith(".jsonl") || !List.of("mean", "sum").contains(reduction)
                        || !c.<scala.collection.Seq<?>>getAs("args").isEmpty() || has(c, "expect_exit") || has(c, "param_files")) {
                    continue;
                }
                Dataset<Row> input = inputs.computeIfAbsent(dir.resolve(file).toString(), f -> spark.read().json(f).cache());
                List<String> columns = Arrays.asList(input.columns());
                if (!List.of("pred", "target", "weight").containsAll(columns) || !isNumber(c.getAs("expected"))) {
                    continue;
                }
                String loss = c.getAs("loss");
                Map<String, String> params = params(c.getAs("params"));
                List<String> roles = columns.contains("weight") ? List.of("pred", "target", "weight") : List.of("pred", "target");
                LossRecipe recipe = new LossRecipe(loss, params, Reduction.valueOf(reduction.toUpperCase()), roles);
                try {
                    recipe.check();
                } catch (IllegalArgumentException e) {
                    noSparkForm.add(c.getAs("id") + ": " + e.getMessage());
                    continue;
                }
                StringBuilder map = new StringBuilder("map('reduction', '" + reduction + "'");
                params.forEach((k, v) -> map.append(", '").append(k).append("', '").append(v).append("'"));
                EvaluationState onePass = recipe.newState();
                RowSample sample = new RowSample(roles);
                for (Row r : rows.computeIfAbsent(input, d -> d.selectExpr(roles.toArray(String[]::new)).collectAsList())) {
                    onePass.add(sample.of(r), roles.size() == 3 ? r.getDouble(2) : 1.0);
                }
                byFile.computeIfAbsent(input, f -> new ArrayList<>()).add(new Case(c.getAs("id"),
                        "losskit('" + loss + "', " + String.join(", ", roles) + ", " + map + "))",
                        onePass.finish().value(), Double.parseDouble(c.getAs("expected").toString()), c.getAs("rtol"), c.getAs("atol")));
            }
        }
        // One query per input file, every case of that file a column of it.
        for (Map.Entry<Dataset<Row>, List<Case>> e : byFile.entrySet()) {
            e.getKey().repartition(7).createOrReplaceTempView("golden");
            List<Case> cases = e.getValue();
            Row got = spark.sql("SELECT " + cases.stream().map(Case::sql).collect(Collectors.joining(", ")) + " FROM golden").first();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                double v = got.getDouble(i);
                assertThat(Math.abs(v - c.cli())).as(c.id()).isLessThanOrEqualTo(1e-12 * Math.abs(c.cli()));
                assertThat(Math.abs(v - c.expected())).as(c.id()).isLessThanOrEqualTo(c.atol() + c.rtol() * Math.abs(c.expected()));
                checked++;
            }
        }
        System.out.println("golden on Spark: " + checked + " cases checked; without a Spark form: " + noSparkForm);
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void groupByGivesEachGroupsValue() {
        // huber, delta 0.5: |d| ≤ 0.5 → d²/2, else 0.5·(|d| − 0.25). By hand: group a: d = 0.2, 2
        // → 0.02, 0.875, mean 0.4475; group b: d = −1 (weight 3), 0.4 (weight 1) → 0.375·3 + 0.08 = 1.205, /4.
        spark.sql("SELECT * FROM VALUES ('a', 1.2D, 1.0D, 1.0D), ('a', 3.0D, 1.0D, 1.0D), ('b', 0.0D, 1.0D, 3.0D),"
                + " ('b', 1.4D, 1.0D, 1.0D) AS t(country, pred, target, w)").repartition(2).createOrReplaceTempView("preds");
        Map<String, Double> got = spark.sql("SELECT country, losskit('huber', pred, target, w, map('delta', '0.5')) AS l"
                + " FROM preds GROUP BY country").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getDouble(1)));
        assertThat(got.get("a")).isCloseTo(0.4475, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(got.get("b")).isCloseTo(1.205 / 4, org.assertj.core.data.Offset.offset(1e-15));
        double sum = spark.sql("SELECT losskit('huber', pred, target, map('delta', '0.5', 'reduction', 'sum')) FROM preds")
                .first().getDouble(0);
        assertThat(sum).isCloseTo(0.02 + 0.875 + 0.375 + 0.08, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void anUnknownLossOrParameterIsRefusedWhenTheQueryIsAnalysed() {
        spark.sql("SELECT 1.0D AS pred, 2.0D AS target").createOrReplaceTempView("one");
        assertThatThrownBy(() -> spark.sql("SELECT losskit('no-such-loss', pred, target) FROM one").collect())
                .hasStackTraceContaining("unknown loss no-such-loss");
        assertThatThrownBy(() -> spark.sql("SELECT losskit('huber', pred, target, map('gamma', '1')) FROM one").collect())
                .hasStackTraceContaining("gamma");
    }

    @Test
    void theEncodedStateOfAPerSampleLossIs24Bytes() {
        LossRecipe recipe = new LossRecipe("mse", Map.of(), Reduction.MEAN, List.of("pred", "target"));
        EvaluationState s = recipe.newState();
        s.add(new RowSample(recipe.roles).of(org.apache.spark.sql.RowFactory.create(3.0, 1.0)), 1.0);
        byte[] bytes = s.encode();
        assertThat(bytes).hasSize(24);
        assertThat(recipe.decode(bytes).finish().value()).isEqualTo(4.0);
    }

    private record Case(String id, String sql, double cli, double expected, double rtol, double atol) {
    }

    /** Whether a case's expected value (a string where the cases mix numbers and lists) is a finite number. */
    private static boolean isNumber(Object expected) {
        try {
            return expected != null && Double.isFinite(Double.parseDouble(expected.toString()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean has(Row c, String field) {
        return Arrays.asList(c.schema().fieldNames()).contains(field) && !c.isNullAt(c.fieldIndex(field));
    }

    /** A case's parameters as the command line gives them: lists comma-separated, booleans true/false. */
    private static Map<String, String> params(Row p) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; p != null && i < p.size(); i++) {
            if (p.isNullAt(i)) {
                continue;
            }
            Object v = p.get(i);
            params.put(p.schema().fieldNames()[i], v instanceof scala.collection.Seq<?> s
                    ? scala.jdk.javaapi.CollectionConverters.asJava(s).stream().map(String::valueOf).collect(Collectors.joining(","))
                    : String.valueOf(v));
        }
        return params;
    }
}
