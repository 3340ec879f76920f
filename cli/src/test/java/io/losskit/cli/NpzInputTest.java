package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code .npz} archives NumPy wrote from golden inputs (src/test/resources/npy/generate.py):
 * each scores to the golden case's value; stdin as npy is sniffed, as npz refused.
 */
class NpzInputTest {

    private static final Path NPY = Path.of("src/test/resources/npy");

    private static String f(String name) {
        return NPY.resolve(name).toString();
    }

    /** The golden cases' expected values (golden/*&#47;cases.json), one loss shape each. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mc.npz | 2.067028309603797 | -l cross-entropy",  // stored; a vector and a class index per record
        "mc-named.npz | 2.067028309603797 | -l cross-entropy --col pred=logits --col target=labels", // deflated, i4
        "reg-w.npz | 1.8645651894340116 | -l mse",        // golden mse-weighted-mean: per-sample, weighted
        "reg-a.npz | 1.5811830835281646 | -l rmse",      // golden rmse: an aggregate loss
        "triplets.npz | 0.4278424419433454 | -l triplet", // batch, weighted
        "pairs.npz | 0.5002288881120205 | -l contrastive",
    })
    void scoresLikeTheGoldenCase(String file, double expected, String args) {
        Cli.Run run = Cli.score(args, f(file));
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(expected, offset(1e-12 * Math.max(1, expected)));
    }

    @Test
    void joinsTwoArchivesOnAKeyArray() {
        // keyed-target.npz has the targets of reg-w in reverse order: golden mse-mean of reg-a (same pred, target)
        Cli.Run run = Cli.run("score", "-l", "mse", "-p", f("keyed-pred.npz"), "-t", f("keyed-target.npz"), "--key", "id");
        assertThat(run.err()).isEmpty();
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(2.500139943635635, offset(1e-12));
    }

    @Test
    void arraysOfDifferentLengthsAreNamed() {
        Cli.Run run = Cli.run("score", "-l", "mse", f("bad-lengths.npz"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + f("bad-lengths.npz")
                + ": array pred has 3 records, array target has 20: the arrays' first axes must have the same length\n");
    }

    @Test
    void anUnsupportedDtypeNamesTheArray() {
        Cli.Run run = Cli.run("score", "-l", "mse", f("bad-dtype.npz"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("losskit: " + f("bad-dtype.npz") + ": array pred has dtype <U1");
    }

    @Test
    void onlyTheArraysARoleReadsAreOpened() {
        // bad-dtype.npz's pred cannot be read, but mapped away from it nothing opens it
        Cli.Run run = Cli.run("score", "-l", "mse", "--col", "pred=target", f("bad-dtype.npz"));
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("0.0\n");
    }

    @Test
    void aMappedArrayThatIsNotThereIsAUsageErrorListingTheArrays() {
        Cli.Run run = Cli.run("score", "-l", "mse", "--col", "pred=logit", f("mc-named.npz"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no column \"logit\"").contains("its columns are: logits, labels");
    }

    @Test
    void aFileThatIsNotAZipIsAnInputError() {
        Cli.Run run = Cli.run("score", "-l", "mse", "--format", "npz", f("labels.npy"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + f("labels.npy") + ": not a NumPy .npz file (not a zip archive)\n");
    }

    @Test
    void standardInputIsNotAnArchive() throws IOException {
        byte[] npz = Files.readAllBytes(NPY.resolve("mc.npz"));
        for (String[] args : new String[][] {{"score", "-l", "mse", "-"}, {"score", "-l", "mse", "--format", "npz", "-"}}) {
            Cli.Run run = Cli.runWithStdin(npz, args);
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).startsWith("losskit: standard input (-) cannot be read as npz: a .npz file is read from its end,"
                    + " so give it as a file, not through a pipe\n");
        }
    }

    @Test
    void standardInputHoldingANpyIsSniffed() throws IOException {
        byte[] labels = Files.readAllBytes(NPY.resolve("labels.npy"));
        Cli.Run run = Cli.runWithStdin(labels, "score", "-l", "cross-entropy", "-p", f("logits.npy"), "-t", "-");
        assertThat(run.err()).isEmpty();
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(2.067028309603797, offset(1e-12));
    }
}
