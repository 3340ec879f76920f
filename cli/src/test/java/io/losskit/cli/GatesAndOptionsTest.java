package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numeric options out of range are usage errors; a bad baseline is an input error naming it (issue 9). */
class GatesAndOptionsTest {

    @TempDir
    Path tmp;

    private Path csv() throws IOException {
        return Files.writeString(tmp.resolve("x.csv"), "pred,target\n1,2\n3,5\n"); // mse = (1 + 4) / 2 = 2.5
    }

    @Test
    void aBatchSizeBelowOneIsAUsageError() throws IOException {
        for (String n : new String[] {"0", "-1"}) {
            Cli.Run run = Cli.run("score", "-l", "mse", "--batch-size", n, csv().toString());
            assertThat(run.exit()).as(n).isEqualTo(2);
            assertThat(run.err()).contains("--batch-size must be ≥ 1");
        }
    }

    @Test
    void aGateOrToleranceThatIsNotAFiniteNumberIsAUsageError() throws IOException {
        Path base = Files.writeString(tmp.resolve("b.json"), "{\"results\": [{\"loss\": \"mse\", \"value\": 2.5}]}");
        String[][] cases = {{"--max", "mse=NaN"}, {"--min", "mse=nan"}, {"--max", "mse=Infinity"}, {"--max", "mse=1d"},
            {"--min", "mse=0x1p3"}, {"--max", "mse=1e999"}, {"--baseline", base.toString(), "--tolerance", "NaN"},
            {"--baseline", base.toString(), "--tolerance", "Infinity%"}, {"--baseline", base.toString(), "--tolerance", "1f"}};
        for (String[] args : cases) {
            String[] all = new String[args.length + 4];
            all[0] = "score";
            all[1] = "-l";
            all[2] = "mse";
            System.arraycopy(args, 0, all, 3, args.length);
            all[all.length - 1] = csv().toString();
            Cli.Run run = Cli.run(all);
            assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
        }
    }

    @Test
    void theBoundPrintsAsGiven() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "mse", "--max", "mse=0.0001", csv().toString());
        assertThat(run.exit()).isEqualTo(1);
        // one line: the value, the bound as typed, the difference (2.5 − 0.0001)
        assertThat(run.err()).isEqualTo("losskit: gate failed: mse = 2.5 is above --max 0.0001 by 2.4999\n");
        Path base = Files.writeString(tmp.resolve("b.json"), "{\"results\": [{\"loss\": \"mse\", \"value\": 2}]}");
        Cli.Run tol = Cli.run("score", "-l", "mse", "--baseline", base.toString(), "--tolerance", "5%", csv().toString());
        assertThat(tol.exit()).isEqualTo(1);
        assertThat(tol.err()).contains("(5%)");
    }

    @Test
    void aBaselineValueThatIsNotANumberIsAnInputErrorNamingTheFile() throws IOException {
        for (String value : new String[] {"\"abc\"", "true", "null", "[1, 2]", "{}"}) {
            Path base = Files.writeString(tmp.resolve("base.json"), "{\"results\": [{\"loss\": \"mse\", \"value\": " + value + "}]}");
            Cli.Run run = Cli.run("score", "-l", "mse", "--baseline", base.toString(), csv().toString());
            assertThat(run.exit()).as(value + ": " + run.err()).isEqualTo(3);
            assertThat(run.err()).startsWith("losskit: " + base + ": ").contains("not a number");
            assertThat(run.err().lines().count()).isEqualTo(1);
        }
        Path inf = Files.writeString(tmp.resolve("inf.json"), "{\"results\": [{\"loss\": \"mse\", \"value\": \"Infinity\"}]}");
        assertThat(Cli.run("score", "-l", "mse", "--baseline", inf.toString(), csv().toString()).exit()).isZero();
    }

    @Test
    void aTruncatedOrMalformedBaselineIsOneLineWithoutParserInternals() throws IOException {
        for (String text : new String[] {"{\"results\": [{\"loss\": \"mse\", \"val", "{\"results\": [x]}"}) {
            Path base = Files.writeString(tmp.resolve("base.json"), text);
            Cli.Run run = Cli.run("score", "-l", "mse", "--baseline", base.toString(), csv().toString());
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("losskit: " + base).doesNotContain("Source", "REDACTED", "START_", "marker");
        }
    }
}
