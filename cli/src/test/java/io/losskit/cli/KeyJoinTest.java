package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --key joins: a key repeated in either file is an input error naming both of its lines. */
class KeyJoinTest {

    @TempDir
    Path dir;

    private Cli.Run join(String pred, String target) throws IOException {
        Path p = dir.resolve("p.csv");
        Path t = dir.resolve("t.csv");
        Files.writeString(p, pred);
        Files.writeString(t, target);
        return Cli.run("score", "-l", "mae", "-p", p.toString(), "-t", t.toString(), "--key", "id");
    }

    @Test
    void aKeyRepeatedInThePredFileIsAnError() throws IOException {
        Cli.Run run = join("id,pred\na,1\nb,2\na,5\n", "id,target\na,1\nb,2\n");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("p.csv, line 4 (record 3), column \"id\"", "also on line 2");
    }

    @Test
    void aKeyRepeatedInTheTargetFileIsAnError() throws IOException {
        Cli.Run run = join("id,pred\na,1\n", "id,target\nb,1\na,2\nb,3\n");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("t.csv, line 4 (record 3), column \"id\"", "also on line 2");
    }

    @Test
    void uniqueKeysJoin() throws IOException {
        // |1 − 2| and |4 − 1|: mae 2
        assertThat(join("id,pred\nb,1\na,4\n", "id,target\na,1\nb,2\n").out()).isEqualTo("2.0\n");
    }
}
