package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --gate-on ci}: --max and --min judge the bootstrap interval, not the point value. */
class GateOnIntervalTest {

    @TempDir
    Path tmp;

    /**
     * 50 records whose absolute errors alternate 0 and 1: mae 0.5, and a 95% bootstrap interval
     * of about 0.5 ± 1.96·0.5/√50 = 0.36 to 0.64, so 0.45 and 0.55 lie inside it and 0.2 below it.
     */
    private String file() throws IOException {
        StringBuilder csv = new StringBuilder("pred,target\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i % 2).append(",0\n");
        }
        return Files.writeString(tmp.resolve("alternating.csv"), csv).toString();
    }

    @Test
    void aMaxInsideTheIntervalFailsOnTheValueAndPassesOnTheInterval() throws IOException {
        String f = file();
        Cli.Run onValue = Cli.run("score", "-l", "mae", "--max", "mae=0.45", "--ci", "95", f);
        assertThat(onValue.exit()).isEqualTo(1);
        Cli.Run onInterval = Cli.run("score", "-l", "mae", "--max", "mae=0.45", "--ci", "95", "--gate-on", "ci", f);
        assertThat(onInterval.exit()).isEqualTo(0);
        assertThat(onInterval.err()).contains("mae = 0.5 (95.0% interval").contains("is within --max 0.45");
        Cli.Run below = Cli.run("score", "-l", "mae", "--max", "mae=0.2", "--ci", "95", "--gate-on", "ci", f);
        assertThat(below.exit()).isEqualTo(1);
        assertThat(below.err()).contains("is above --max 0.2");
    }

    @Test
    void aMinInsideTheIntervalPassesOnTheInterval() throws IOException {
        String f = file();
        assertThat(Cli.run("score", "-l", "mae", "--min", "mae=0.55", "--ci", "95", f).exit()).isEqualTo(1);
        assertThat(Cli.run("score", "-l", "mae", "--min", "mae=0.55", "--ci", "95", "--gate-on", "ci", f).exit()).isEqualTo(0);
        assertThat(Cli.run("score", "-l", "mae", "--min", "mae=0.9", "--ci", "95", "--gate-on", "ci", f).exit()).isEqualTo(1);
    }

    @Test
    void gateOnCiNeedsCiAndAGate() throws IOException {
        String f = file();
        Cli.Run noCi = Cli.run("score", "-l", "mae", "--max", "mae=0.45", "--gate-on", "ci", f);
        assertThat(noCi.exit()).isEqualTo(2);
        assertThat(noCi.err()).contains("give --ci LEVEL too");
        assertThat(Cli.run("score", "-l", "mae", "--ci", "95", "--gate-on", "ci", f).exit()).isEqualTo(2);
        Cli.Run bad = Cli.run("score", "-l", "mae", "--max", "mae=0.45", "--ci", "95", "--gate-on", "interval", f);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--gate-on takes value or ci");
    }
}
