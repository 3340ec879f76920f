package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the progress line on standard error (forced with --progress, at once with the hidden --progress-delay 0). */
class ProgressTest {

    @TempDir
    Path dir;

    @Test
    void readingShowsPercentRateAndTimeLeftThenErasesItself() throws IOException {
        StringBuilder csv = new StringBuilder("pred,target\n");
        for (int i = 0; i < 300_000; i++) {
            csv.append(i % 7).append(',').append(i % 5).append('\n');
        }
        Path f = Files.writeString(dir.resolve("big.csv"), csv);
        Cli.Run run = Cli.run("score", "-l", "mae", "--progress", "--progress-delay", "0", f.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).hasLineCount(1);
        String[] lines = run.err().split("\r");
        // the first line comes before any record is read; every line is redrawn in place and the last erases it
        assertThat(lines[1]).matches(Pattern.quote("losskit: reading ") + " *\\d+%, [\\d,]+ records \\([\\d,]+/s, \\d+ s(, .* left)?\\)\033\\[K");
        assertThat(run.err()).endsWith("\r\033[K");
    }

    @Test
    void aBatchLossSaysItIsComputingTheBatch() throws IOException {
        StringBuilder jsonl = new StringBuilder();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int n = 700;
        for (int i = 0; i < n; i++) {
            jsonl.append("{\"pred\": [").append(r.nextDouble()).append(", ").append(r.nextDouble()).append("], \"target\": ")
                    .append(i % 2).append("}\n");
        }
        Path f = Files.writeString(dir.resolve("emb.jsonl"), jsonl);
        Cli.Run run = Cli.run("score", "-l", "triplet", "--progress", "--progress-delay", "0", f.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        // the reading line may come before the loss is bound (then without its batch note: ProgressLineTest has it)
        assertThat(run.err()).contains("\rlosskit: reading")
                .contains("\rlosskit: computing triplet, one batch of all 700 records (")
                .endsWith("\r\033[K");
    }

    @Test
    void compareShowsTheLineToo() throws IOException {
        StringBuilder a = new StringBuilder("pred,target\n");
        StringBuilder b = new StringBuilder("pred,target\n");
        for (int i = 0; i < 2_000; i++) {
            a.append(i % 7).append(',').append(i % 5).append('\n');
            b.append(i % 3).append(',').append(i % 5).append('\n');
        }
        Path base = Files.writeString(dir.resolve("a.csv"), a);
        Path cand = Files.writeString(dir.resolve("b.csv"), b);
        Cli.Run run = Cli.run("compare", "-l", "mae", "--bootstrap", "200", "--trials", "200", "--progress",
                "--progress-delay", "0", base.toString(), cand.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        // drawn at once, maybe before the engine has set up its bootstrap (the replicates note: ProgressLineTest)
        assertThat(run.err()).startsWith("\rlosskit: reading").endsWith("\r\033[K");
        Cli.Run quiet = Cli.run("compare", "-l", "mae", "--no-progress", base.toString(), cand.toString());
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void noProgressWithoutATerminal() throws IOException {
        Path f = Files.writeString(dir.resolve("p.csv"), "pred,target\n1,2\n");
        Cli.Run run = Cli.run("score", "-l", "mae", f.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("1.0\n");
    }
}
