package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.cli.input.InputError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input errors are one printable line, whatever bytes of the input they quote. */
class InputErrorTest {

    @TempDir
    Path dir;

    @Test
    void controlAndUndecodableCharactersAreEscaped() {
        InputError e = new InputError("f.csv", 2, 1, "a\u0000b", "\"x\u001b[31m\ny\ufffd\u202e\" is not a number");
        assertThat(e.getMessage()).isEqualTo("f.csv, line 2 (record 1), column \"a\\x00b\": \"x\\x1b[31m\\ny\\ufffd\\u202e\" is not a number");
        // letters of every script stay as they are
        assertThat(new InputError("f.csv", -1, -1, "größe", "日本語").getMessage()).isEqualTo("f.csv, column \"größe\": 日本語");
    }

    @Test
    void aLongMessageIsCut() {
        String m = new InputError("f.csv", -1, -1, null, "x".repeat(100_000)).getMessage();
        assertThat(m).hasSizeLessThan(1100).endsWith("…");
    }

    @Test
    void binaryInputNeverReachesTheTerminal() throws IOException {
        Path f = dir.resolve("bin.csv");
        byte[] junk = new byte[600];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 37 + 11);
        }
        Files.write(f, junk);
        Cli.Run run = Cli.run("score", "-l", "mse", f.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err().strip()).doesNotContain("\n");
        assertThat(run.err().chars().filter(c -> c < 0x20 && c != '\n' || c == 0xfffd || c == 0x7f)).isEmpty();
    }
}
