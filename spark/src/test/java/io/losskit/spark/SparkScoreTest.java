package io.losskit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code spark-submit} main class against {@code losskit score} on the same data: the same JSON
 * members, values within 1e-12 relative, slices equal to the command line on each slice's rows,
 * and the exit codes of CLI.md.
 */
class SparkScoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    static Path csv;
    static Path parquet;
    static final List<String> COUNTRIES = List.of("de", "fr", "it");

    /** What a run printed and its exit code. */
    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        spark = TestSpark.session();
        Random random = new Random(7);
        List<String> rows = new ArrayList<>(List.of("country,pred,target,weight"));
        List<List<String>> byCountry = new ArrayList<>();
        COUNTRIES.forEach(c -> byCountry.add(new ArrayList<>(List.of("country,pred,target,weight"))));
        for (int i = 0; i < 60; i++) {
            int c = random.nextInt(3);
            String row = COUNTRIES.get(c) + "," + random.nextGaussian() * 3 + "," + random.nextGaussian() + ","
                    + (1 + random.nextInt(4));
            rows.add(row);
            byCountry.get(c).add(row);
        }
        csv = Files.write(tmp.resolve("preds.csv"), rows);
        for (int c = 0; c < COUNTRIES.size(); c++) {
            Files.write(tmp.resolve("preds-" + COUNTRIES.get(c) + ".csv"), byCountry.get(c));
        }
        parquet = tmp.resolve("preds.parquet");
        spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).repartition(5)
                .write().parquet(parquet.toString());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Run score(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SparkScore.run(spark, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theJsonOfLosskitScoreOverCsvAndParquetWithSlices() throws IOException {
        String[] options = {"-l", "mse,huber,rmse,mae", "-P", "huber.delta=0.5", "-o", "json"};
        JsonNode cli = cli(options, csv);
        for (Path input : List.of(csv, parquet)) {
            Run run = score(concat(options, "--by", "country", input.toString()));
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode got = run.json();
            assertThat(names(got)).containsExactly("results", "slices", "records", "skipped");
            sameResults(got.get("results"), cli.get("results"), input + " overall");
            assertThat(got.get("records").asLong()).isEqualTo(cli.get("records").asLong()).isEqualTo(60);
            assertThat(got.get("skipped").asLong()).isZero();
            JsonNode slices = got.get("slices");
            assertThat(slices).hasSize(3);
            for (int c = 0; c < COUNTRIES.size(); c++) {
                assertThat(slices.get(c).get("slice").get("country").asText()).isEqualTo(COUNTRIES.get(c));
                sameResults(slices.get(c).get("results"), cli(options, tmp.resolve("preds-" + COUNTRIES.get(c) + ".csv"))
                        .get("results"), input + " " + COUNTRIES.get(c));
            }
        }
    }

    @Test
    void anAggregateLossWithDetailsFromMappedColumns() throws IOException {
        Path jsonl = Files.write(tmp.resolve("asr.jsonl"), List.of(
                "{\"hyp\": \"the cat sat\", \"ref\": \"the cat sat down\"}",
                "{\"hyp\": \"a dog\", \"ref\": \"the dog\"}",
                "{\"hyp\": \"hello world\", \"ref\": \"hello world\"}"));
        String[] options = {"-l", "wer,cer", "--col", "pred=hyp", "--col", "target=ref", "-o", "json"};
        Run run = score(concat(options, jsonl.toString()));
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode cli = cli(options, jsonl);
        sameResults(run.json().get("results"), cli.get("results"), "wer, cer");
        // wer by hand: 1 deletion + 1 substitution over 4 + 2 + 2 reference words
        assertThat(run.json().get("results").get(0).get("value").asDouble()).isEqualTo(2.0 / 8);
    }

    @Test
    void textOutputAndSumAsTheCommandLinePrintsThem() throws IOException {
        Run run = score("-l", "mse", "--reduction", "sum", csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode cli = cli(new String[] {"-l", "mse", "--reduction", "sum", "-o", "json"}, csv);
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(cli.get("results").get(0).get("value").asDouble(),
                org.assertj.core.data.Percentage.withPercentage(1e-10));
    }

    @Test
    void gatesFailWithExitOneForTheWholeOrASlice() {
        Run whole = score("-l", "mse", "--max", "mse=0.01", csv.toString());
        assertThat(whole.exit()).isEqualTo(1);
        assertThat(whole.err()).contains("losskit: gate failed: mse = ").contains("is above --max 0.01");
        Run slice = score("-l", "mae", "--by", "country", "--min", "mae=1e-9", "--max", "mae=1e9", csv.toString());
        assertThat(slice.exit()).as(slice.err()).isZero();
        Run low = score("-l", "mae", "--by", "country", "--min", "mae=1e6", csv.toString());
        assertThat(low.exit()).isEqualTo(1);
        assertThat(low.err()).contains("(slice country=de)").contains("(slice country=fr)").contains("(slice country=it)");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(score("-l", "no-such-loss", csv.toString())).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("unknown loss \"no-such-loss\"").contains("--help");
        });
        assertThat(score("-l", "mse", "--reduction", "none", csv.toString()).err()).contains("--reduction none has no Spark form");
        assertThat(score("-l", "mse", "-P", "delta=1", csv.toString()).exit()).isEqualTo(2);
        assertThat(score("-l", "mse", "--col", "var=weight", csv.toString()).err()).contains("no selected loss reads a role \"var\"");
        assertThat(score("-l", "mse", "--max", "mae=1", csv.toString()).exit()).isEqualTo(2);
        assertThat(score("-l", "mse", "--baseline", "b.json", csv.toString()).err()).contains("unknown option --baseline");
        Run batch = score("-l", "n-pair", "--col", "anchor=pred", "--col", "positive=target", csv.toString());
        assertThat(batch.exit()).isEqualTo(2);
        assertThat(batch.err()).contains("n-pair is a batch (metric-learning) loss");
    }

    @Test
    void inputErrorsExitThreeNamingTheColumn() throws IOException {
        Run missing = score("-l", "mse", "--by", "country", tmp.resolve("nothing.parquet").toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).startsWith("losskit: ").contains("nothing.parquet").doesNotContain("\tat ");
        Path noTarget = Files.write(tmp.resolve("no-target.csv"), List.of("pred,y", "1,2"));
        assertThat(score("-l", "mse", noTarget.toString()).err()).contains("no column for role \"target\"");
        // msle: log1p of a value below −1 has no value
        Path negative = Files.write(tmp.resolve("negative.csv"), List.of("pred,target", "1,2", "-3,1"));
        Run invalid = score("-l", "msle", negative.toString());
        assertThat(invalid.exit()).as(invalid.err()).isEqualTo(3);
        assertThat(invalid.err()).contains("negative.csv, column \"pred\"").doesNotContain("\tat ");
        Path empty = Files.write(tmp.resolve("empty-cell.csv"), List.of("pred,target", "1,2", ",1"));
        Run nullCell = score("-l", "mse", empty.toString());
        assertThat(nullCell.exit()).isEqualTo(3);
        assertThat(nullCell.err()).contains("column \"pred\": no value (null)");
    }

    /** Same results: the same members, loss, reduction, count, params and details, the value within 1e-12 relative. */
    private static void sameResults(JsonNode got, JsonNode cli, String what) {
        assertThat(got).as(what).hasSize(cli.size());
        for (int i = 0; i < cli.size(); i++) {
            JsonNode g = got.get(i);
            JsonNode c = cli.get(i);
            assertThat(names(g)).as(what).isEqualTo(names(c));
            for (String member : List.of("loss", "reduction", "count", "params", "details")) {
                assertThat(g.get(member)).as(what + " " + member).isEqualTo(c.get(member));
            }
            double v = c.get("value").asDouble();
            assertThat(Math.abs(g.get("value").asDouble() - v)).as(what + " " + c.get("loss")).isLessThanOrEqualTo(1e-12 * Math.abs(v));
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode cli(String[] options, Path input) throws IOException {
        Cli.Run run = Cli.run(concat(concat(new String[] {"score"}, options), input.toString()));
        assertThat(run.exit()).as(run.err()).isZero();
        return run.json();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
