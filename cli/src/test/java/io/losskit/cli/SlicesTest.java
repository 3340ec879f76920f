package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --by}: results per slice and overall, in every output form, judged by the gates. */
class SlicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CASES = Path.of("src/test/resources/slices");

    @TempDir
    Path tmp;

    private static JsonNode json(Cli.Run run) throws IOException {
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void slicesEqualPandasGroupby() throws IOException {
        // expected.json: pandas groupby over preds.csv (cli/src/test/python/make_slice_cases.py)
        JsonNode expected = JSON.readTree(CASES.resolve("expected.json").toFile());
        for (String by : List.of("country", "country,fold")) {
            JsonNode got = json(Cli.run("score", "-l", "mse,mae,rmse", "--by", by, "-o", "json",
                    CASES.resolve("preds.csv").toString()));
            agree(got.get("results"), expected.get("whole"));
            JsonNode want = expected.get(by);
            assertThat(got.get("slices")).hasSize(want.size());
            for (int i = 0; i < want.size(); i++) {
                JsonNode slice = got.get("slices").get(i);
                assertThat(slice.get("slice")).as(by).isEqualTo(want.get(i).get("slice"));
                agree(slice.get("results"), want.get(i));
            }
        }
    }

    private static void agree(JsonNode results, JsonNode want) {
        for (JsonNode r : results) {
            String loss = r.get("loss").asText();
            double w = want.get(loss).asDouble();
            assertThat(r.get("value").asDouble()).as(loss).isCloseTo(w, within(1e-12 * Math.abs(w)));
            assertThat(r.get("count").asLong()).isEqualTo(want.get("count").asLong());
        }
    }

    private Path csv() throws IOException {
        return Files.writeString(tmp.resolve("s.csv"), "country,fold,pred,target\nde,1,1,2\nfr,2,3,5\nde,1.0,0,0\nfr,1,2,2\nit,2,1,4\n");
    }

    @Test
    void textAndTableHaveARowPerSliceCsvARowPerSliceAndLoss() throws IOException {
        // mse: de (1 + 0)/2, fr (4 + 0)/2, it 9; the whole 14/5. mae: de 0.5, fr 1, it 3; the whole 6/5
        Cli.Run text = Cli.run("score", "-l", "mse,mae", "--by", "country", csv().toString());
        assertThat(text.out()).isEqualTo("country\tcount\tmse\tmae\n(all)\t5\t2.8\t1.2\nde\t2\t0.5\t0.5\n"
                + "fr\t2\t2.0\t1.0\nit\t1\t9.0\t3.0\n");
        // fold 1 and 1.0 are one slice; combinations in order, numbers right-aligned
        Cli.Run table = Cli.run("score", "-l", "mse", "--by", "country,fold", "-o", "table", csv().toString());
        assertThat(table.out()).isEqualTo("""
                country  fold  count  mse
                (all)              5  2.8
                de       1         2  0.5
                fr       1         1  0.0
                fr       2         1  4.0
                it       2         1  9.0
                """);
        Cli.Run csv = Cli.run("score", "-l", "mse", "--by", "fold", "-o", "csv", csv().toString());
        assertThat(csv.out()).isEqualTo("fold,loss,value,reduction,count\n,mse,2.8,mean,5\n1,mse,0.3333333333333333,mean,3\n"
                + "2,mse,6.5,mean,2\n");
        Cli.Run tsv = Cli.run("score", "-l", "mse", "--by", "country", "-o", "tsv", csv().toString());
        assertThat(tsv.out()).startsWith("country\tloss\tvalue\treduction\tcount\n\tmse\t2.8\tmean\t5\nde\tmse\t0.5\tmean\t2\n");
    }

    @Test
    void gatesJudgeEverySliceAndTheWhole() throws IOException {
        // the whole (2.8) and fold 1 (1/3) pass --max 5; fold 2 (6.5) fails it
        Cli.Run run = Cli.run("score", "-l", "mse", "--by", "fold", "--max", "mse=5", "-o", "json", csv().toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("losskit: gate passed: mse = 2.8 is within --max 5 by 2.2\n"
                + "losskit: gate failed: mse = 6.5 is above --max 5 by 1.5 in slice fold=2\n"
                + "losskit: gate failed: mse --max 5: 1 of 2 slices passed\n");
        JsonNode gates = JSON.readTree(run.out()).get("gates");
        assertThat(gates).hasSize(3);
        assertThat(gates.get(0).get("slice").isNull()).isTrue();
        assertThat(gates.get(2).get("slice")).isEqualTo(JSON.readTree("{\"fold\": 2}"));
        assertThat(gates.get(2).get("passed").asBoolean()).isFalse();
        assertThat(gates.get(2).get("difference").asDouble()).isEqualTo(1.5);
        assertThat(gates.get(1).get("passed").asBoolean()).isTrue();
    }

    @Test
    void aMissingSliceColumnIsAnInputError() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "mse", "--by", "contry", csv().toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("losskit: " + tmp.resolve("s.csv") + ", column \"contry\": no column \"contry\" for --by "
                + "(did you mean country?)");
        Path jsonl = Files.writeString(tmp.resolve("s.jsonl"), "{\"g\": 1, \"pred\": 1, \"target\": 2}\n{\"pred\": 1, \"target\": 2}\n");
        Cli.Run record = Cli.run("score", "-l", "mse", "--by", "g", jsonl.toString());
        assertThat(record.exit()).isEqualTo(3);
        assertThat(record.err()).isEqualTo("losskit: " + jsonl + ", line 2 (record 2), column \"g\": no value\n");
    }

    @Test
    void aNumberAndItsTextAreOneSliceInJson() throws IOException {
        Path jsonl = Files.writeString(tmp.resolve("t.jsonl"), """
                {"g": 1, "pred": 1, "target": 2}
                {"g": "1", "pred": 3, "target": 3}
                {"g": 1.0, "pred": 0, "target": 3}
                {"g": "a", "pred": 0, "target": 1}
                """);
        JsonNode out = json(Cli.run("score", "-l", "mse", "--by", "g", "-o", "json", jsonl.toString()));
        assertThat(out.get("slices")).hasSize(2);
        assertThat(out.get("slices").get(0).get("slice")).isEqualTo(JSON.readTree("{\"g\": 1}"));
        // (1 + 0 + 9) / 3
        assertThat(out.get("slices").get(0).get("results").get(0).get("value").asDouble()).isEqualTo(10.0 / 3);
        assertThat(out.get("slices").get(1).get("slice")).isEqualTo(JSON.readTree("{\"g\": \"a\"}"));
    }

    @Test
    void theColumnsFormOfJsonKeepsTheSliceColumn() throws IOException {
        Path json = Files.writeString(tmp.resolve("c.json"), "{\"g\": [\"a\", \"b\", \"a\"], \"other\": [1, 2, 3], "
                + "\"pred\": [1, 2, 3], \"target\": [2, 2, 2]}");
        JsonNode out = json(Cli.run("score", "-l", "mae", "--by", "g", "-o", "json", json.toString()));
        assertThat(out.get("slices").get(0).get("results").get(0).get("value").asDouble()).isEqualTo(1.0);
        assertThat(out.get("slices").get(1).get("results").get(0).get("value").asDouble()).isEqualTo(0.0);
    }

    @Test
    void perSampleValuesHaveNoSlices() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "mse", "--by", "country", "--reduction", "none", csv().toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--by", "--reduction none");
    }

    @Test
    void aHundredThousandSlices() throws IOException {
        // 200,000 rows, two per slice: each slice's mse is ((1 − 0)² + (3 − 0)²) / 2 = 5 exactly
        StringBuilder sb = new StringBuilder("id,pred,target\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append("s").append(i).append(",1,0\n");
        }
        for (int i = 99_999; i >= 0; i--) {
            sb.append("s").append(i).append(",3,0\n");
        }
        Path f = Files.writeString(tmp.resolve("many.csv"), sb);
        Cli.Run run = Cli.run("score", "-l", "mse", "--by", "id", "-o", "csv", f.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(100_002);
        assertThat(lines.get(1)).isEqualTo(",mse,5.0,mean,200000");
        List<String> values = new ArrayList<>();
        lines.subList(2, lines.size()).forEach(l -> values.add(l.substring(l.indexOf(',') + 1)));
        assertThat(values).containsOnly("mse,5.0,mean,2");
    }
}
