package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: brier, zero-one, top-k-error and perplexity through the real command line. */
class CompanionScoresTest {

    @TempDir
    Path dir;

    private String jsonl(String content) throws IOException {
        Path f = dir.resolve("eval.jsonl");
        Files.writeString(f, content);
        return f.toString();
    }

    /** Three classes; the target's scores rank 1st, 3rd (tied with class 0, which wins) and 2nd. */
    private String classes() throws IOException {
        return jsonl("{\"pred\": [0.5, 0.25, 0.25], \"target\": 0}\n"
                + "{\"pred\": [0.25, 0.5, 0.25], \"target\": 2}\n"
                + "{\"pred\": [0.25, 0.5, 0.25], \"target\": 0}\n");
    }

    @Test
    void brierSumsOverClassesAndZeroOneAndTopKCountMisses() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "brier,zero-one,top-k-error", "-P", "k=2", classes());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        // brier: 0.5² + 2·0.25² = 0.375; 0.25² + 0.5² + 0.75² = 0.875; 0.75² + 0.5² + 0.25² = 0.875
        // zero-one: argmax 0, 1, 1 against 0, 2, 0: 2 of 3 wrong
        // top-2: the 2nd record's target ties class 0 at 0.25 and loses the tie: 1 of 3 missed
        assertThat(run.out()).isEqualTo("brier\t" + (0.375 + 0.875 + 0.875) / 3 + "\nzero-one\t"
                + 2.0 / 3 + "\ntop-k-error\t" + 1.0 / 3 + "\n");
    }

    @Test
    void binaryBrierAndZeroOneWithAThreshold() throws IOException {
        String file = jsonl("{\"pred\": 0.9, \"target\": 1}\n{\"pred\": 0.4, \"target\": 1}\n");
        assertThat(Cli.run("score", "-l", "brier", "--reduction", "none", file).out())
                .isEqualTo("line\tbrier\n1\t" + (0.9 - 1) * (0.9 - 1) + "\n2\t" + (0.4 - 1) * (0.4 - 1) + "\n");
        Cli.Run run = Cli.run("score", "-l", "zero-one", "-P", "threshold=0.3", "-o", "json", file);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"value\" : 0.0", "\"threshold\" : 0.3");
        assertThat(Cli.run("score", "-l", "zero-one", file).out()).isEqualTo("0.5\n");
    }

    @Test
    void perplexityIsExpOfTheMeanCrossEntropy() throws IOException {
        // two tokens, uniform logits over 4: cross-entropy log 4 each, perplexity 4
        String file = jsonl("{\"pred\": [0, 0, 0, 0], \"target\": 1}\n{\"pred\": [1, 1, 1, 1], \"target\": 3}\n");
        Cli.Run run = Cli.run("score", "-l", "perplexity", file);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(Double.parseDouble(run.out().strip())).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-12));
        Cli.Run none = Cli.run("score", "-l", "perplexity", "--reduction", "none", file);
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).startsWith("losskit: ").contains("perplexity").doesNotContain("Exception");
    }

    @Test
    void badValuesAreUsageOrInputErrors() throws IOException {
        Cli.Run k = Cli.run("score", "-l", "top-k-error", "-P", "k=0", classes());
        assertThat(k.exit()).isEqualTo(2);
        assertThat(k.err()).startsWith("losskit: ").contains("k").doesNotContain("Exception");
        Cli.Run target = Cli.run("score", "-l", "zero-one", jsonl("{\"pred\": 0.9, \"target\": 0.5}\n"));
        assertThat(target.exit()).isEqualTo(3);
        assertThat(target.err()).contains("line 1", "\"target\"", "target 0.5 is not 0 or 1");
    }
}
