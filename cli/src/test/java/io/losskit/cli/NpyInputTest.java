package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.cli.input.NpySource;
import io.losskit.cli.input.Record;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code -p logits.npy -t labels.npy} over arrays NumPy wrote (src/test/resources/npy/generate.py). */
class NpyInputTest {

    private static final Path NPY = Path.of("src/test/resources/npy");

    private static String f(String name) {
        return NPY.resolve(name).toString();
    }

    /** Golden classification/ce-mean: the same logits and labels as mc-logits.jsonl. */
    @ParameterizedTest
    @CsvSource({"logits.npy, labels.npy", "logits-be-fortran.npy, labels-u1.npy", "logits.npy, labels-be-i2.npy"})
    void scoresLikeTheGoldenJsonl(String pred, String target) {
        Cli.Run run = Cli.run("score", "-l", "cross-entropy", "-p", f(pred), "-t", f(target));
        assertThat(run.err()).isEmpty();
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(2.067028309603797, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void halfAndSingleFloatsAndBools() {
        // pred 0.5, 1.25, -2 (exact in f2 and f4), target 1, 0, 1: mse = (0.25 + 1.5625 + 9) / 3
        for (String pred : new String[] {"pred-f2.npy", "pred-f4.npy"}) {
            Cli.Run run = Cli.run("score", "-l", "mse", "-p", f(pred), "-t", f("target-bool.npy"));
            assertThat(run.out()).as(pred + run.err()).isEqualTo(10.8125 / 3 + "\n");
        }
    }

    @Test
    void aThreeDimensionalFortranArrayGivesOneMatrixPerRecord() throws IOException {
        try (NpySource s = new NpySource("cube", new BufferedInputStream(Files.newInputStream(NPY.resolve("cube-fortran.npy"))), "pred")) {
            Record r = s.next();
            assertThat((double[][]) r.value(0)).isEqualTo(new double[][] {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}});
            r = s.next();
            assertThat(((double[][]) r.value(0))[2]).containsExactly(20, 21, 22, 23);
            assertThat(s.next()).isNull();
        }
    }

    @Test
    void differentLengthsNameBothFiles() {
        Cli.Run run = Cli.run("score", "-l", "mse", "-p", f("pred-f4.npy"), "-t", f("labels.npy"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("pred-f4.npy has 3 records").contains("labels.npy has 20");
    }

    @ParameterizedTest
    @CsvSource({"strings.npy, dtype <U1", "objects.npy, dtype |O", "scalar.npy, shape ()"})
    void unsupportedArraysAreInputErrorsNamingTheArray(String file, String what) {
        Cli.Run run = Cli.run("score", "-l", "mse", "-p", f(file), "-t", f("target-bool.npy"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("losskit: " + f(file) + ": array pred has " + what).doesNotContain("\tat ");
    }

    @Test
    void aLoneArrayIsAUsageError() {
        assertThat(Cli.run("score", "-l", "mse", f("logits.npy")).exit()).isEqualTo(2);
    }
}
