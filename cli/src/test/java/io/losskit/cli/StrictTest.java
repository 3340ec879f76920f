package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --strict: the warnings that could hide a mistake become errors, with the codes CLI.md gives. */
class StrictTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void unmatchedTargetsUnderKeyWarnWithoutStrictAndAreAnInputErrorWithIt() throws IOException {
        Path p = file("p.csv", "id,pred\na,1\n");
        Path t = file("t.csv", "id,target\na,3\nb,2\n");
        Cli.Run lenient = Cli.run("score", "-l", "mae", "-p", p.toString(), "-t", t.toString(), "--key", "id");
        assertThat(lenient.exit()).isZero();
        assertThat(lenient.out()).isEqualTo("2.0\n");   // |1 − 3|; b is not scored
        assertThat(lenient.err()).contains("warning: 1 record(s) of " + t, "not scored");

        Cli.Run strict = Cli.run("score", "-l", "mae", "-p", p.toString(), "-t", t.toString(), "--key", "id", "--strict");
        assertThat(strict.exit()).isEqualTo(3);
        assertThat(strict.out()).isEmpty();
        assertThat(strict.err()).contains("1 record(s) of " + t, "--strict").doesNotContain("\tat ");
    }

    @Test
    void aBaselineMadeDifferentlyWarnsWithoutStrictAndIsAUsageErrorWithIt() throws IOException {
        Path data = file("d.csv", "pred,target\n0,1\n3,1\n");
        // huber with delta 1 over |e| = 1, 2: (0.5 + 1.5) / 2 = 1.0, written by an earlier run with delta 2
        Path baseline = file("base.json", "{\"results\": [{\"loss\": \"huber\", \"value\": 1.0, \"reduction\": \"mean\","
                + " \"count\": 3, \"params\": {\"delta\": 2.0}}], \"records\": 3, \"skipped\": 0}");
        Cli.Run lenient = Cli.run("score", "-l", "huber", "--baseline", baseline.toString(), data.toString());
        assertThat(lenient.exit()).isZero();
        assertThat(lenient.out()).isEqualTo("1.0\n");
        assertThat(lenient.err()).contains("was made differently", "count 2 (baseline: 3)", "delta=1.0 (baseline: 2.0)");

        Cli.Run strict = Cli.run("score", "-l", "huber", "--baseline", baseline.toString(), "--strict", data.toString());
        assertThat(strict.exit()).isEqualTo(2);
        assertThat(strict.err()).contains("was made differently", "--strict");
    }

    @Test
    void aBaselineMadeTheSameWayGivesNoWarning() throws IOException {
        Path data = file("d.csv", "pred,target\n0,1\n3,1\n");
        Cli.Run first = Cli.run("score", "-l", "huber", "-o", "json", data.toString());
        Path baseline = file("base.json", first.out());
        Cli.Run again = Cli.run("score", "-l", "huber", "--baseline", baseline.toString(), "--strict", data.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.err()).doesNotContain("made differently");
    }
}
