package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -p hyp.txt -t ref.txt}: one string per line, as jiwer reads ASR output. */
class TextLinesInputTest {

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(StandardCharsets.UTF_8));
        return f.toString();
    }

    @Test
    void hypothesesAndReferencesLineByLine() throws IOException {
        // line 1: 1 substitution of 3 words; line 2: an empty reference, "uh" inserted; line 3: exact.
        // Corpus WER = 2 / 5. The reference has a BOM and CRLF, the hypotheses no final newline.
        String ref = write("ref.txt", "\uFEFFthe cat sat\r\n\r\nhello world\r\n");
        String hyp = write("hyp.txt", "the cat sit\nuh\nhello world");
        Cli.Run run = Cli.run("score", "-l", "wer", "-p", hyp, "-t", ref);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("0.4\n");
    }

    @Test
    void perSampleLinesAreTheFileLines() throws IOException {
        String ref = write("ref.txt", "ab\ncd\n");
        String hyp = write("hyp.txt", "ab\nxd\n");
        Cli.Run run = Cli.run("score", "-l", "edit-distance", "--reduction", "none", "-p", hyp, "-t", ref);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("line\tedit-distance\n1\t0.0\n2\t1.0\n");
    }

    @Test
    void formatLinesForOtherNames() throws IOException {
        String ref = write("ref.trn", "a b\n");
        String hyp = write("hyp.trn", "a c\n");
        assertThat(Cli.run("score", "-l", "wer", "--format", "lines", "-p", hyp, "-t", ref).out()).isEqualTo("0.5\n");
    }

    @Test
    void differentLineCountsNameBothFilesAndCounts() throws IOException {
        String ref = write("ref.txt", "a\nb\nc\n");
        String hyp = write("hyp.txt", "a\nb\n");
        Cli.Run run = Cli.run("score", "-l", "wer", "-p", hyp, "-t", ref);
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains(hyp + " has 2 records").contains(ref + " has 3");
    }

    @Test
    void aLoneTextFileIsAUsageError() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "wer", write("hyp.txt", "a\n"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("hyp.txt holds one role").contains("-p PRED -t TARGET");
    }

    @Test
    void bytesThatAreNotUtf8AreLocated() throws IOException {
        Path bad = dir.resolve("hyp.txt");
        Files.write(bad, new byte[] {'a', '\n', (byte) 0xff, 'b', '\n'});
        Cli.Run run = Cli.run("score", "-l", "wer", "-p", bad.toString(), "-t", write("ref.txt", "a\nb\n"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains(bad + ", line 2").contains("not UTF-8");
    }
}
