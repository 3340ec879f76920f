package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: results are labelled with the name as typed (an alias), JSON also carries the canonical id. */
class TypedLabelsTest {

    @TempDir
    Path dir;

    private String file;

    /** bce of p = 0.5 against y = 1 is log 2 = 0.6931471805599453 (twice: the mean). */
    private static final String LOG2 = "0.6931471805599453";

    @BeforeEach
    void input() throws IOException {
        file = dir.resolve("p.csv").toString();
        Files.writeString(Path.of(file), "pred,target\n0.5,1\n0.5,0\n");
    }

    @Test
    void textAndTableAndDelimitedPrintTheAlias() {
        Cli.Run text = Cli.run("score", "-l", "log-loss,mse", file);
        assertThat(text.exit()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(text.out()).isEqualTo("log-loss\t" + LOG2 + "\nmse\t0.25\n");
        Cli.Run table = Cli.run("score", "-l", "log-loss", "-o", "table", file);
        assertThat(table.out()).isEqualTo("loss                   value  reduction  count\n"
                + "log-loss  " + LOG2 + "       mean      2\n");
        assertThat(Cli.run("score", "-l", "log-loss", "-o", "csv", file).out())
                .isEqualTo("loss,value,reduction,count\nlog-loss," + LOG2 + ",mean,2\n");
        assertThat(Cli.run("score", "-l", "log-loss", "-o", "tsv", file).out())
                .isEqualTo("loss\tvalue\treduction\tcount\nlog-loss\t" + LOG2 + "\tmean\t2\n");
        assertThat(Cli.run("score", "-l", "log-loss,mse", "--reduction", "none", file).out())
                .startsWith("line\tlog-loss\tmse\n").contains("\t" + LOG2 + "\t0.25\n");
    }

    @Test
    void jsonHasTheAliasAndTheCanonicalId() {
        Cli.Run json = Cli.run("score", "-l", "log-loss", "-o", "json", file);
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"loss\" : \"log-loss\",\n    \"id\" : \"bce\",");
    }

    @Test
    void theSameLossTypedTwiceIsOneResultLabelledAsFirstTyped() {
        assertThat(Cli.run("score", "-l", "log-loss,bce", file).out()).isEqualTo(LOG2 + "\n");
    }

    @Test
    void gatesMatchAnyNameOfTheLoss() {
        Cli.Run run = Cli.run("score", "-l", "log-loss", "--max", "bce=0.5", file);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(LOG2 + "\n");
        assertThat(run.err()).isEqualTo("losskit: gate failed: log-loss = " + LOG2 + " is above --max 0.5 by 0.1931471805599453\n");
        Cli.Run alias = Cli.run("score", "-l", "bce", "--max", "binary-cross-entropy=0.7", file);
        assertThat(alias.exit()).isZero();
        assertThat(alias.err()).startsWith("losskit: gate passed: bce = " + LOG2 + " is within --max 0.7");
    }

    @Test
    void aBaselineMatchesUnderAnotherNameOfTheLoss() throws IOException {
        Path base = dir.resolve("base.json");
        Files.writeString(base, Cli.run("score", "-l", "log-loss", "-o", "json", file).out());
        Cli.Run run = Cli.run("score", "-l", "bce", "--baseline", base.toString(), file);
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEqualTo("losskit: gate passed: bce = " + LOG2 + " is within the tolerance (0) of the baseline "
                + LOG2 + ", by 0.0\n");
        // a baseline written before "id" existed: its "loss" is resolved as a name
        Files.writeString(base, "{\"results\": [{\"loss\": \"binary-cross-entropy\", \"value\": 0.5, \"reduction\": \"mean\", \"count\": 2}]}");
        Cli.Run old = Cli.run("score", "-l", "log-loss", "--baseline", base.toString(), file);
        assertThat(old.exit()).isEqualTo(1);
        assertThat(old.err()).isEqualTo("losskit: gate failed: log-loss = " + LOG2 + " is worse than the baseline 0.5 by "
                + "0.1931471805599453, more than the tolerance (0)\n");
    }
}
