package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the ASR rates (wer, cer and their family) through the real command line. */
class AsrScoringTest {

    @TempDir
    Path dir;

    private String tsv(String content) throws IOException {
        Path f = dir.resolve("asr.tsv");
        Files.writeString(f, content);
        return f.toString();
    }

    @Test
    void werUnderNoneGivesEachUtterancesRate() throws IOException {
        // "the cat sat" for "the cat sat down": 1 deletion of 4 words; "a b" for "a c": 1 of 2;
        // "x y z" for "x y z": 0 of 3.
        String file = tsv("pred\ttarget\nthe cat sat\tthe cat sat down\na b\ta c\nx y z\tx y z\n");
        Cli.Run run = Cli.run("score", "-l", "wer", "--reduction", "none", file);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("line\twer\n2\t0.25\n3\t0.5\n4\t0.0\n");
        // the corpus rate is still the ratio of sums: 2 / 9
        assertThat(Cli.run("score", "-l", "wer", file).out()).isEqualTo(2.0 / 9 + "\n");
    }

    @Test
    void cerUnderNoneWarnsAboutAnEmptyReference() throws IOException {
        Path file = dir.resolve("asr.jsonl");
        Files.writeString(file, "{\"pred\": \"abc\", \"target\": \"abd\"}\n{\"pred\": \"ab\", \"target\": \"\"}\n");
        Cli.Run run = Cli.run("score", "-l", "cer", "--reduction", "none", "-o", "json", file.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"values\" : [ 0.3333333333333333, \"Infinity\" ]",
                "\"hits\" : 2", "\"substitutions\" : 1", "\"deletions\" : 0", "\"insertions\" : 2");
        assertThat(run.err()).isEqualTo(
                "losskit: warning: cer: an empty reference with a non-empty pred: that utterance's rate is +∞\n");
    }

    @Test
    void sumIsStillRefused() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "wer", "--reduction", "sum", tsv("pred\ttarget\na\tb\n"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("losskit: ").contains("wer").contains("sum").doesNotContain("Exception");
    }

    @Test
    void merAndWilAfterJiwersNormalisation() throws IOException {
        // normalised (lower case, no punctuation): "hello world" for "hello world" (H 2) and
        // "a x c" for "a b c d" (H 2, S 1, D 1): mer = 2 / 6; wil = 1 − (4/6)(4/5)
        String file = tsv("pred\ttarget\nHello, world!\thello world\na x c\t\"a, b, c; d.\"\n");
        Cli.Run run = Cli.run("score", "-l", "mer,wil,wer", "-P", "ignore-case=true", "-P", "strip-punctuation=true",
                "-o", "csv", file);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                loss,value,reduction,count,hits,substitutions,deletions,insertions
                mer,%s,mean,2,4,1,1,0
                wil,%s,mean,2,4,1,1,0
                wer,%s,mean,2,4,1,1,0
                """.formatted(2.0 / 6, 1 - (4.0 / 6) * (4.0 / 5), 2.0 / 6));
        // without the parameters "Hello," and "world!" are words of their own: no hit at all
        assertThat(Cli.run("score", "-l", "mer", file).out()).isEqualTo("1.0\n");
    }

    @Test
    void detailColumnsStayEmptyForALossWithoutThem() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "edit-distance,mer", "-o", "tsv", tsv("pred\ttarget\nab\tac\n"));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("loss\tvalue\treduction\tcount\thits\tsubstitutions\tdeletions\tinsertions\n"
                + "edit-distance\t1.0\tmean\t1\t1\t1\t0\t0\nmer\t1.0\tmean\t1\t0\t1\t0\t0\n");
    }
}
