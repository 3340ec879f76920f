package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers in every input form: Java's extras and overflowing values are input errors, located. */
class NumberInputTest {

    @TempDir
    Path dir;

    private Cli.Run score(String name, String content, String... losses) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return Cli.run("score", "-l", losses.length == 0 ? "mse" : losses[0], f.toString());
    }

    private void refused(String name, String content, String... expected) throws IOException {
        Cli.Run run = score(name, content);
        assertThat(run.exit()).as(content).isEqualTo(3);
        assertThat(run.err().strip()).as(content).doesNotContain("\n").contains(expected);
    }

    @Test
    void javaSpellingsAndDebrisInCsvCellsAreRefused() throws IOException {
        for (String cell : new String[] {"1d", "1f", "0x1p3", "\"1\n\"", "\"\n1\"", "1\0", "\"1\r\""}) {
            refused("a.csv", "pred,target\n" + cell + ",1\n", "line 2 (record 1), column \"pred\"", "is not a number");
        }
        // Python's float() reads these, so do we: (1000 − 1)² = 998001
        assertThat(score("b.csv", "pred,target\n1_000,\" 1\"\n").out()).isEqualTo("998001.0\n");
    }

    @Test
    void overflowIsAnErrorNotInfinity() throws IOException {
        refused("a.csv", "pred,target\n1,2\n1e309,1\n", "line 3 (record 2), column \"pred\"", "too large");
        refused("b.csv", "pred,target\n1,1" + "0".repeat(2000) + "\n", "column \"target\"", "too large");
        refused("c.json", "[{\"pred\": 1e309, \"target\": 1}]", "line 1 (record 1), column \"pred\"", "too large");
        refused("d.json", "[{\"pred\": 1, \"target\": 1" + "0".repeat(2000) + "}]", "column \"target\"", "too large");
        refused("e.jsonl", "{\"pred\": [1, -1e400], \"target\": [1, 2]}\n", "line 1 (record 1), column \"pred\"", "too large");
        refused("f.json", "{\"pred\": [1, 2e999], \"target\": [1, 2]}", "record 2, column \"pred\"", "too large");
        refused("g.csv", "pred,target\n\"[1, 1e999]\",\"[1, 2]\"\n", "column \"pred\"", "too large");
        refused("h.csv", "pred,target\n1 1e999,1 2\n", "column \"pred\"", "too large");
        // spelled infinity stays infinity; 2001 digits that underflow are 0
        assertThat(score("i.csv", "pred,target\ninf,1\n").out()).isEqualTo("Infinity\n");
        assertThat(score("j.json", "[{\"pred\": 0." + "0".repeat(2000) + "1, \"target\": 2}]").out()).isEqualTo("4.0\n");
    }

    @Test
    void classIndicesFollowTheSameSyntax() throws IOException {
        Cli.Run run = score("a.csv", "pred_0,pred_1,target\n0,1,1d\n", "cross-entropy");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("column \"target\"");
    }
}
