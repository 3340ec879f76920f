package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: messages that tell a new user what to type instead. */
class FrictionMessagesTest {

    @TempDir
    Path dir;

    private String write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f.toString();
    }

    @Test
    void aBinaryLossGivenClassScoresNamesTheMultiClassOne() throws IOException {
        String file = write("vec.jsonl", "{\"pred\": [0.1, 2.0, -1.0], \"target\": 1}\n");
        Cli.Run run = Cli.run("score", "-l", "focal", file);
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("losskit: " + file + ", line 1 (record 1), column \"target\": a number where"
                + " pred is a vector; for class scores and a class target use softmax-focal\n");
        assertThat(Cli.run("score", "-l", "bce-logits", file).err()).endsWith("use cross-entropy\n");
        assertThat(Cli.run("score", "-l", "hinge", file).err()).endsWith("use categorical-hinge\n");
    }

    @Test
    void aMultiClassLossGivenOneScoreNamesTheBinaryOne() throws IOException {
        String file = write("num.csv", "pred,target\n0.5,1\n");
        Cli.Run run = Cli.run("score", "-l", "cross-entropy", file);
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("losskit: " + file + ", line 2 (record 1), column \"pred\": a number where a"
                + " vector of class scores is needed; for one binary score per record use bce-logits\n");
        assertThat(Cli.run("score", "-l", "softmax-focal", file).err()).endsWith("use focal\n");
        assertThat(Cli.run("score", "-l", "cross-entropy", "-P", "input=probs", file).err()).endsWith("use bce\n");
        assertThat(Cli.run("score", "-l", "top-k-error", file).err()).endsWith("use zero-one\n");
    }

    @Test
    void aWideHeaderIsCutAndTheGlobSuggested() throws IOException {
        String header = IntStream.range(0, 1000).mapToObj(i -> "emb_" + i).collect(Collectors.joining(","));
        String row = IntStream.range(0, 1000).mapToObj(i -> "0.5").collect(Collectors.joining(","));
        String file = write("wide.csv", "id," + header + ",y_true\n7," + row + ",1\n");
        Cli.Run run = Cli.run("score", "-l", "mse", file);
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("losskit: " + file + ", column \"pred\": no column for role \"pred\" (looked for"
                + " pred, prediction, y_pred, yhat, embedding, logits, predictions, probs, hyp, hypothesis and pred_0,"
                + " pred_1, …; the columns are: id, emb_0, emb_1, emb_2, emb_3, emb_4, emb_5, emb_6 … and 994 more);"
                + " map one with --col pred='emb_*'\n");
        // a mapped name that is not there: the same cut list
        Cli.Run mapped = Cli.run("score", "-l", "mse", "--col", "pred=emb", file);
        assertThat(mapped.exit()).isEqualTo(2);
        assertThat(mapped.err()).contains("its columns are: id, emb_0, emb_1, emb_2, emb_3, emb_4, emb_5, emb_6 … and 994 more");
        assertThat(mapped.err().length()).isLessThan(300);
    }

    @Test
    void huggingFaceAndAsrColumnNamesNeedNoCol() throws IOException {
        // a Hugging Face evaluation dump: logits and label_ids; −log softmax([0, ln 3])₁ = ln(4/3)
        String hf = write("eval.jsonl", "{\"logits\": [0.0, " + Math.log(3) + "], \"label_ids\": 1}\n");
        Cli.Run run = Cli.run("score", "-l", "cross-entropy", hf);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(Double.parseDouble(run.out())).isCloseTo(Math.log(4.0 / 3), org.assertj.core.data.Offset.offset(1e-15));
        // predictions/labels, probs/labels
        assertThat(Cli.run("score", "-l", "mae", write("p.csv", "predictions,labels\n3,1\n")).out()).isEqualTo("2.0\n");
        assertThat(Cli.run("score", "-l", "bce", write("q.csv", "probs,labels\n0.5,1\n")).out())
                .isEqualTo(Math.log(2) + "\n");
        // an ASR table: hyp/ref and hypothesis/reference, 1 substitution of 2 words
        assertThat(Cli.run("score", "-l", "wer", write("a.tsv", "hyp\tref\na b\ta c\n")).out()).isEqualTo("0.5\n");
        assertThat(Cli.run("score", "-l", "wer", write("b.tsv", "hypothesis\treference\na b\ta c\n")).out())
                .isEqualTo("0.5\n");
    }
}
