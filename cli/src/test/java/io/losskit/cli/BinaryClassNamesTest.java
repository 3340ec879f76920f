package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: binary targets given as class names, with --classes (the second is positive) or
 * --pos-label. Expected values from scikit-learn 1.9.1 (y = malignant, benign, benign, malignant;
 * p = 0.2, 0.7, 0.9, 0.4): log_loss(y, p) = 1.5080716354070594 (sklearn sorts the labels, so
 * malignant is positive), log_loss(y == "benign", p) = 0.2990011586691898,
 * brier_score_loss(y, p, pos_label="benign") = 0.07500000000000001, pos_label="malignant" = 0.5750000000000001.
 */
class BinaryClassNamesTest {

    @TempDir
    Path dir;

    private String file;

    @BeforeEach
    void input() throws IOException {
        file = dir.resolve("diag.csv").toString();
        Files.writeString(Path.of(file), "proba,diagnosis\n0.2,malignant\n0.7,benign\n0.9,benign\n0.4,malignant\n");
    }

    @Test
    void theSecondClassIsThePositiveOne() {
        Cli.Run run = Cli.run("score", "-l", "log-loss", "--pred-col", "proba", "--target-col", "diagnosis",
                "--classes", "malignant,benign", file);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("0.2990011586691898\n");
        // in sklearn's (sorted) order, sklearn's value
        assertThat(Cli.run("score", "-l", "log-loss", "--pred-col", "proba", "--target-col", "diagnosis",
                "--classes", "benign,malignant", file).out()).isEqualTo("1.5080716354070594\n");
    }

    @Test
    void posLabelNamesThePositiveClass() {
        Cli.Run run = Cli.run("score", "-l", "brier", "--pred-col", "proba", "--target-col", "diagnosis",
                "--pos-label", "benign", file);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(Double.parseDouble(run.out())).isCloseTo(0.07500000000000001, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Double.parseDouble(Cli.run("score", "-l", "brier", "--pred-col", "proba", "--target-col", "diagnosis",
                "--pos-label", "malignant", file).out())).isCloseTo(0.5750000000000001, org.assertj.core.data.Offset.offset(1e-15));
        // with --classes too: pos-label decides, whatever the order
        assertThat(Cli.run("score", "-l", "log-loss", "--pred-col", "proba", "--target-col", "diagnosis",
                "--classes", "benign,malignant", "--pos-label", "benign", file).out()).isEqualTo("0.2990011586691898\n");
    }

    @Test
    void everyBinaryLossReadsTheNames() {
        Cli.Run run = Cli.run("score", "-l", "bce,zero-one,hinge,focal,brier", "--pred-col", "proba", "--target-col", "diagnosis",
                "--classes", "malignant,benign", file);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("zero-one\t0.0\n");   // sklearn zero_one_loss(y == "benign", p >= 0.5) = 0.0
    }

    @Test
    void aNameThatIsNoClassIsAnInputErrorNamingThem() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "log-loss", "--pred-col", "proba", "--target-col", "diagnosis",
                "--classes", "malignant,healthy", file);
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("losskit: " + file + ", line 3 (record 2), column \"diagnosis\": \"benign\" is not a number"
                + " nor one of the classes (malignant, healthy)\n");
        Cli.Run none = Cli.run("score", "-l", "log-loss", "--pred-col", "proba", "--target-col", "diagnosis", file);
        assertThat(none.exit()).isEqualTo(3);
        assertThat(none.err()).isEqualTo("losskit: " + file + ", line 2 (record 1), column \"diagnosis\": \"malignant\" is not a"
                + " number\n");
        Cli.Run three = Cli.run("score", "-l", "log-loss", "--pred-col", "proba", "--target-col", "diagnosis",
                "--classes", "a,b,c", "--pos-label", "b", file);
        assertThat(three.exit()).isEqualTo(2);
        assertThat(three.err()).startsWith("losskit: --pos-label b with --classes names one of two classes, not of a,b,c\n");
    }
}
