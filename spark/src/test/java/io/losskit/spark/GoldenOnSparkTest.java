package io.losskit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.losskit.core.LossState;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every golden case that has a Spark form (a JSONL input, mean or sum, no file parameter, no
 * further options), through SQL over 7 partitions: the value equals what {@code losskit score}
 * prints for the file within 1e-12 relative, and the reference library's within the case's
 * tolerance; {@code GROUP BY} a column that cuts the rows into three groups gives, per group, what
 * the command line prints for that group's rows alone.
 */
class GoldenOnSparkTest {

    private static final Path GOLDEN = Path.of("../builtin-losses/src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GROUPS = 3;
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** One case: the SQL call, and the command line's value over the whole file and over each group's rows. */
    private record Case(String id, String sql, double cli, double[] cliByGroup, JsonNode expected, double rtol, double atol) {
    }

    @Test
    void goldenCasesEqualTheCommandLineOverPartitionsAndGroups() throws IOException {
        // Every file's rows in one table, its fields prefixed by the file's number (f3_pred): a
        // case reads its file's columns, null in the other files' rows, which the function skips.
        // So one query checks every case: over the whole table and GROUP BY _group.
        Map<Path, String> prefixes = new LinkedHashMap<>();
        List<String> table = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        List<String> noSparkForm = new ArrayList<>();
        for (String category : List.of("regression", "classification", "sequence", "metric")) {
            Path dir = GOLDEN.resolve(category);
            for (JsonNode c : JSON.readTree(dir.resolve("cases.json").toFile())) {
                String file = c.path("file").asText("");
                String reduction = c.get("reduction").asText();
                if (!file.endsWith(".jsonl") || !List.of("mean", "sum").contains(reduction) || !c.path("args").isEmpty()
                        || c.has("expect_exit") || c.has("param_files") || c.get("expected").isArray()) {
                    continue;
                }
                Path input = dir.resolve(file);
                String prefix = prefixes.get(input);
                if (prefix == null) {
                    prefix = "f" + prefixes.size() + "_";
                    prefixes.put(input, prefix);
                    table.addAll(grouped(input, prefix));
                }
                List<String> columns = new ArrayList<>();
                JSON.readTree(Files.readAllLines(input).get(0)).fieldNames().forEachRemaining(columns::add);
                String loss = c.get("loss").asText();
                Map<String, String> params = params(c.path("params"));
                LossRecipe recipe = new LossRecipe(loss, params, Reduction.valueOf(reduction.toUpperCase()), List.of());
                List<String> roles = roles(recipe.descriptor(), columns);
                try {
                    new LossRecipe(loss, params, recipe.reduction, roles).check();
                } catch (IllegalArgumentException e) {
                    noSparkForm.add(category + "/" + c.get("id").asText() + ": " + e.getMessage());
                    continue;
                }
                double[] byGroup = new double[GROUPS];
                for (int g = 0; g < GROUPS; g++) {
                    byGroup[g] = cli(c, groupFile(input, g));
                }
                String p = prefix;
                String struct = "named_struct(" + roles.stream().map(r -> "'" + r + "', `" + p + r + "`")
                        .collect(Collectors.joining(", ")) + ")";
                StringBuilder map = new StringBuilder("map('reduction', '" + reduction + "'");
                params.forEach((k, v) -> map.append(", '").append(k).append("', '").append(v).append("'"));
                cases.add(new Case(category + "/" + c.get("id").asText(), "losskit('" + loss + "', " + struct + ", " + map + "))",
                        cli(c, input), byGroup, c.get("expected"), c.path("rtol").asDouble(1e-9), c.path("atol").asDouble(1e-12)));
            }
        }
        Path all = Files.write(tmp.resolve("golden.jsonl"), table);
        spark.read().schema(schema(all)).json(all.toString()).repartition(7).createOrReplaceTempView("golden");
        String calls = cases.stream().map(Case::sql).collect(Collectors.joining(", "));
        // the whole table first (_group null), then each group
        List<Row> rows = spark.sql("SELECT _group, " + calls + " FROM golden GROUP BY GROUPING SETS ((), (_group))"
                + " ORDER BY _group NULLS FIRST").collectAsList();
        assertThat(rows).hasSize(GROUPS + 1);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            double whole = rows.get(0).getDouble(i + 1);
            equal(whole, c.cli(), c.id());
            double expected = number(c.expected());
            if (Double.isFinite(expected)) {
                assertThat(Math.abs(whole - expected)).as(c.id()).isLessThanOrEqualTo(c.atol() + c.rtol() * Math.abs(expected));
            }
            for (int g = 0; g < GROUPS; g++) {
                equal(rows.get(g + 1).getDouble(i + 1), c.cliByGroup()[g], c.id() + ", group " + g);
            }
        }
        System.out.println("golden on Spark: " + cases.size() + " cases checked; without a Spark form: " + noSparkForm.size());
        noSparkForm.forEach(m -> System.out.println("  " + m));
        assertThat(cases).hasSizeGreaterThan(200);
        assertThat(noSparkForm).allMatch(m -> m.contains("is a batch (metric-learning) loss"));
    }

    /**
     * The type Spark's JSON reader would infer for each field (bigint when every number is
     * integral, else double; arrays of those, of strings or of arrays), worked out here so that
     * reading a file costs no inference job.
     */
    private static StructType schema(Path file) throws IOException {
        Map<String, DataType> types = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JSON.readTree(line).fields().forEachRemaining(f -> types.merge(f.getKey(), type(f.getValue()), GoldenOnSparkTest::wider));
            }
        }
        return DataTypes.createStructType(types.entrySet().stream()
                .map(t -> DataTypes.createStructField(t.getKey(), t.getValue(), true)).toList());
    }

    private static DataType type(JsonNode v) {
        if (v.isArray()) {
            DataType element = DataTypes.NullType;
            for (JsonNode x : v) {
                element = wider(element, type(x));
            }
            return DataTypes.createArrayType(element);
        }
        return v.isIntegralNumber() ? DataTypes.LongType : v.isNumber() ? DataTypes.DoubleType
                : v.isNull() ? DataTypes.NullType : DataTypes.StringType;
    }

    private static DataType wider(DataType a, DataType b) {
        if (a.equals(b) || b.equals(DataTypes.NullType)) {
            return a;
        }
        if (a.equals(DataTypes.NullType)) {
            return b;
        }
        if (a instanceof ArrayType x && b instanceof ArrayType y) {
            return DataTypes.createArrayType(wider(x.elementType(), y.elementType()));
        }
        if (a instanceof NumericType && b instanceof NumericType) {
            return DataTypes.DoubleType;
        }
        return DataTypes.StringType;
    }

    /** Equal within 1e-12 relative; the same non-finite value. */
    private static void equal(double spark, double cli, String what) {
        if (!Double.isFinite(cli)) {
            assertThat(spark).as(what).isEqualTo(cli);
        } else {
            assertThat(Math.abs(spark - cli)).as(what + ": " + spark + " vs the command line's " + cli)
                    .isLessThanOrEqualTo(1e-12 * Math.abs(cli));
        }
    }

    /** The roles of the loss that the file has columns for (the weight when the loss takes one). */
    private static List<String> roles(LossDescriptor d, List<String> columns) {
        List<String> roles = new ArrayList<>();
        for (RoleSpec r : d.roles()) {
            if (columns.contains(r.name()) && !roles.contains(r.name())) {
                roles.add(r.name());
            }
        }
        if (d.takesWeight() && columns.contains(LossDescriptor.WEIGHT) && !roles.contains(LossDescriptor.WEIGHT)) {
            roles.add(LossDescriptor.WEIGHT);
        }
        return roles;
    }

    /**
     * The input's lines with its fields prefixed and a field {@code _group} = line number mod 3;
     * beside the input (in the temporary directory), each group's lines alone, for the command line.
     */
    private static List<String> grouped(Path file, String prefix) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        List<String> prefixed = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < lines.size(); i++) {
            com.fasterxml.jackson.databind.node.ObjectNode row = JSON.createObjectNode().put("_group", i % GROUPS);
            JSON.readTree(lines.get(i)).fields().forEachRemaining(f -> row.set(prefix + f.getKey(), f.getValue()));
            prefixed.add(row.toString());
            groups.get(i % GROUPS).add(lines.get(i));
        }
        for (int g = 0; g < GROUPS; g++) {
            Files.write(groupFile(file, g), groups.get(g));
        }
        return prefixed;
    }

    private static Path groupFile(Path input, int g) {
        return tmp.resolve(input.getParent().getFileName() + "-" + input.getFileName().toString().replace(".jsonl", "-" + g + ".jsonl"));
    }

    /** {@code losskit score -l LOSS -P … --reduction R -o json FILE}: the value it prints. */
    private static double cli(JsonNode c, Path file) {
        List<String> args = new ArrayList<>(List.of("score", "-l", c.get("loss").asText()));
        params(c.path("params")).forEach((k, v) -> args.addAll(List.of("-P", c.get("loss").asText() + "." + k + "=" + v)));
        args.addAll(List.of("--reduction", c.get("reduction").asText(), "-o", "json", file.toString()));
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exit()).as(args + run.err()).isZero();
        return number(run.json().get("results").get(0).get("value"));
    }

    private static double number(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
    }

    /** A case's parameters as the command line gives them: lists comma-separated, booleans true/false. */
    private static Map<String, String> params(JsonNode p) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> parts = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> parts.add(v.asText()));
            } else {
                parts.add(e.getValue().asText());
            }
            params.put(e.getKey(), String.join(",", parts));
        }
        return params;
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
    void theTypedAggregatorGivesWhatSqlGives() {
        // The rows of groupByGivesEachGroupsValue, huber with delta 0.5, weighted: (0.02 + 0.875 + 0.375·3 + 0.08) / 6.
        spark.sql("SELECT * FROM VALUES (1.2D, 1, 1.0D), (3.0D, 1, 1.0D), (0.0D, 1, 3.0D), (1.4D, 1, 1.0D) AS t(p, y, w)")
                .repartition(2).createOrReplaceTempView("typed");
        double mean = spark.table("typed").select(LosskitSpark.aggregator("huber", Map.of("delta", "0.5"),
                "pred", "target", "weight").toColumn()).first();
        assertThat(mean).isCloseTo((0.02 + 0.875 + 1.125 + 0.08) / 6, org.assertj.core.data.Offset.offset(1e-15));
        // SQL over the same rows: the int target is cast to double in the plan
        double sql = spark.sql("SELECT losskit('huber', p, y, w, map('delta', '0.5')) FROM typed").first().getDouble(0);
        assertThat(sql).isEqualTo(mean);
        double sum = spark.table("typed").select("p", "y").select(LosskitSpark.aggregator("huber",
                Map.of("delta", "0.5", "reduction", "sum"), "pred", "target").toColumn()).first();
        assertThat(sum).isCloseTo(0.02 + 0.875 + 0.375 + 0.08, org.assertj.core.data.Offset.offset(1e-15));
        assertThatThrownBy(() -> LosskitSpark.aggregator("huber", Map.of("delt", "0.5"), "pred", "target"))
                .hasMessageContaining("huber").hasMessageContaining("delt");
    }

    @Test
    void anAggregateLossFromStringsAndArrays() {
        // cer: edits / reference characters. "abcd" → "abd" is 1 deletion of 4; "hello" → "hallo" 1
        // substitution of 5: (1 + 1) / (4 + 5). wer from arrays of tokens: "a b c" → "a x c" 1 of 3.
        spark.sql("SELECT * FROM VALUES ('abd', 'abcd', array('a', 'b', 'c'), array('a', 'x', 'c')),"
                + " ('hallo', 'hello', array('a'), array('a')) AS t(hyp, ref, rt, pt)").repartition(2).createOrReplaceTempView("asr");
        Row r = spark.sql("SELECT losskit('cer', hyp, ref), losskit('wer', pt, rt) FROM asr").first();
        assertThat(r.getDouble(0)).isEqualTo(2.0 / 9);
        assertThat(r.getDouble(1)).isEqualTo(1.0 / 4);
    }

    @Test
    void aBatchLossIsRefusedWithAMessage() {
        spark.sql("SELECT array(1.0D, 0.0D) AS a, array(1.0D, 0.1D) AS p").createOrReplaceTempView("pairs");
        assertThatThrownBy(() -> spark.sql("SELECT losskit('n-pair', named_struct('anchor', a, 'positive', p)) FROM pairs").collect())
                .hasStackTraceContaining("n-pair is a batch (metric-learning) loss").hasStackTraceContaining("no Spark form");
    }

    @Test
    void anUnknownLossOrParameterIsRefusedWhenTheQueryIsAnalysed() {
        spark.sql("SELECT 1.0D AS pred, 2.0D AS target").createOrReplaceTempView("one");
        assertThatThrownBy(() -> spark.sql("SELECT losskit('no-such-loss', pred, target) FROM one").collect())
                .hasStackTraceContaining("unknown loss no-such-loss");
        assertThatThrownBy(() -> spark.sql("SELECT losskit('huber', pred, target, map('gamma', '1')) FROM one").collect())
                .hasStackTraceContaining("gamma");
        assertThatThrownBy(() -> spark.sql("SELECT losskit('rmse', pred, target, map('reduction', 'none')) FROM one").collect())
                .hasStackTraceContaining("reduction none has no Spark form");
    }

    /** The bytes one partition ships per loss: the kernel's encoded state. */
    @Test
    void encodedStateSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("mse", size("mse", Map.of(), 3.0, 1.0));
        sizes.put("huber", size("huber", Map.of(), 3.0, 1.0));
        sizes.put("cer", size("cer", Map.of(), "abd", "abcd"));
        sizes.put("cross-entropy", size("cross-entropy", Map.of(), new double[] {0.1, 2.0, -1.0}, 1.0));
        System.out.println("encoded state sizes (bytes): " + sizes);
        // mse: two empty tallies (4 + 4) + count (8) + two compensated sums (2 × 16) = 48
        assertThat(sizes.get("mse")).isEqualTo(48);
        assertThat(sizes.get("huber")).isEqualTo(48);
    }

    private static int size(String loss, Map<String, String> params, Object pred, Object target) {
        LossRecipe recipe = new LossRecipe(loss, params, Reduction.MEAN, List.of("pred", "target"));
        LossState s = recipe.newState();
        s.add(io.losskit.core.Samples.of("pred", pred, "target", target), 1.0);
        byte[] bytes = s.encode();
        LossState back = recipe.decode(bytes);
        assertThat(back.finish().value()).isEqualTo(s.finish().value());
        return bytes.length;
    }
}
