package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --worst K} and {@code --id}, and the line numbers of per-sample output, through the real command. */
class WorstAndIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Five rows, two bad (line 3: pred x; line 5: target nan). */
    private static final String FIVE = "id,g,pred,target\nr1,a,1,2\nr2,b,x,5\nr3,a,0,0\nr4,b,2,nan\nr5,a,4,1\n";

    @TempDir
    Path tmp;

    private Path five() throws IOException {
        return Files.writeString(tmp.resolve("five.csv"), FIVE);
    }

    @Test
    void perSampleRowsCarryTheirLineAndIdsEvenWhenRecordsAreSkipped() throws IOException {
        Path f = five();
        Cli.Run text = Cli.run("score", "-l", "mse,mae", "--reduction", "none", "--id", "id", "--on-invalid", "skip", f.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).isEqualTo("line\tid\tmse\tmae\n2\tr1\t1.0\t1.0\n4\tr3\t0.0\t0.0\n6\tr5\t9.0\t3.0\n");
        assertThat(text.err()).contains("skipped 2 invalid record(s) of 5");
        // one loss, no --id: still a header and the line numbers
        assertThat(Cli.run("score", "-l", "mae", "--reduction", "none", "--on-invalid", "skip", f.toString()).out())
                .isEqualTo("line\tmae\n2\t1.0\n4\t0.0\n6\t3.0\n");
        assertThat(Cli.run("score", "-l", "mae", "--reduction", "none", "--id", "g,id", "--on-invalid", "skip", "-o", "csv",
                f.toString()).out()).isEqualTo("line,g,id,mae\n2,a,r1,1.0\n4,a,r3,0.0\n6,a,r5,3.0\n");
        JsonNode json = JSON.readTree(Cli.run("score", "-l", "mae", "--reduction", "none", "--id", "id", "--on-invalid", "skip",
                "-o", "json", f.toString()).out());
        JsonNode r = json.get("results").get(0);
        assertThat(r.get("values").toString()).isEqualTo("[1.0,0.0,3.0]");
        assertThat(r.get("lines").toString()).isEqualTo("[2,4,6]");
        assertThat(r.get("ids").toString()).isEqualTo("{\"id\":[\"r1\",\"r3\",\"r5\"]}");
    }

    @Test
    void jsonValuesReadInParallelPartsCarryTheirLinesInTheFile() throws IOException {
        // JSON is written at the end, so the values are kept (and the file read in parts): lines must follow
        StringBuilder csv = new StringBuilder("id,pred,target\n");
        int n = 0;
        while (csv.length() < ScoreJob.PARALLEL_MIN_BYTES + 1000) {
            if (n == 300_000) {
                csv.append("\n\nbad,x,1\n");   // two blank lines and a skipped record in a later part
            }
            csv.append("k").append(n).append(',').append(n % 7).append(",0\n");
            n++;
        }
        Path f = Files.writeString(tmp.resolve("big.csv"), csv);
        JsonNode r = JSON.readTree(Cli.run("score", "-l", "mae", "--reduction", "none", "--id", "id", "--on-invalid", "skip",
                "-o", "json", f.toString()).out()).get("results").get(0);
        assertThat(r.get("values")).hasSize(n);
        assertThat(r.get("lines")).hasSize(n);
        for (int i : new int[] {0, 1, 299_999, 300_000, n - 1}) {
            long want = i < 300_000 ? i + 2 : i + 5;
            assertThat(r.get("lines").get(i).asLong()).as("record " + i).isEqualTo(want);
            assertThat(r.get("ids").get("id").get(i).asText()).isEqualTo("k" + i);
            assertThat(r.get("values").get(i).asDouble()).isEqualTo(i % 7);
        }
    }

    @Test
    void worstListsTheLargestPerSampleValuesWithLineAndIds() throws IOException {
        Path f = five();
        Cli.Run text = Cli.run("score", "-l", "mse", "--worst", "2", "--id", "id", "--on-invalid", "skip", f.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).isEqualTo("3.3333333333333335\n\nloss\trank\tline\tid\tvalue\nmse\t1\t6\tr5\t9.0\nmse\t2\t2\tr1\t1.0\n");
        Cli.Run csv = Cli.run("score", "-l", "mse", "--worst", "1", "--on-invalid", "skip", "-o", "csv", f.toString());
        assertThat(csv.out()).endsWith("\n\nloss,rank,line,value\nmse,1,6,9.0\n");
        JsonNode json = JSON.readTree(Cli.run("score", "-l", "mse,rmse", "--worst", "5", "--id", "id,g", "--on-invalid", "skip",
                "-o", "json", f.toString()).out());
        JsonNode worst = json.get("results").get(0).get("worst");
        assertThat(worst).hasSize(3);   // fewer records than K
        assertThat(worst.get(0).toString()).isEqualTo("{\"line\":6,\"ids\":{\"id\":\"r5\",\"g\":\"a\"},\"value\":9.0}");
        assertThat(worst.get(2).get("line").asLong()).isEqualTo(4);
        assertThat(json.get("results").get(1).has("worst")).isFalse();
        assertThat(json.get("warnings").toString()).contains("rmse: has no per-sample values");
    }

    @Test
    void worstEqualsSortingEveryValueOnOneThreadOrSeveral() throws IOException {
        // big enough to be read in parallel parts: the worst must be those of a full sort (ties: earlier line first)
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("id,pred,target\n");
        List<long[]> all = new ArrayList<>();   // {value, line}
        long line = 2;
        while (csv.length() < ScoreJob.PARALLEL_MIN_BYTES + 1000) {
            int p = random.nextInt(100);
            int t = random.nextInt(100);
            csv.append("k").append(line).append(',').append(p).append(',').append(t).append('\n');
            all.add(new long[] {Math.abs(p - t), line});
            line++;
        }
        Path f = Files.writeString(tmp.resolve("big.csv"), csv);
        all.sort(Comparator.<long[]>comparingLong(a -> -a[0]).thenComparingLong(a -> a[1]));
        JsonNode json = JSON.readTree(Cli.run("score", "-l", "mae", "--worst", "50", "--id", "id", "-o", "json", f.toString()).out());
        JsonNode worst = json.get("results").get(0).get("worst");
        assertThat(worst).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(worst.get(i).get("value").asDouble()).isEqualTo((double) all.get(i)[0]);
            assertThat(worst.get(i).get("line").asLong()).as("rank " + (i + 1)).isEqualTo(all.get(i)[1]);
            assertThat(worst.get(i).get("ids").get("id").asText()).isEqualTo("k" + all.get(i)[1]);
        }
    }

    @Test
    void aMissingIdColumnIsAnInputErrorAndBadValuesAreUsageErrors() throws IOException {
        Path f = five();
        Cli.Run missing = Cli.run("score", "-l", "mse", "--worst", "3", "--id", "id,nope", "--on-invalid", "skip", f.toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).contains("column \"nope\"").contains("--id").doesNotContain("Exception");
        assertThat(missing.out()).isEmpty();
        Cli.Run noUse = Cli.run("score", "-l", "mse", "--id", "id", f.toString());
        assertThat(noUse.exit()).isEqualTo(2);
        assertThat(noUse.err()).contains("--worst K or --reduction none");
        assertThat(Cli.run("score", "-l", "mse", "--worst", "0", f.toString()).exit()).isEqualTo(2);
    }
}
