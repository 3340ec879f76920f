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
 * Arrow IPC files, Feather v2 (lz4, zstd, uncompressed) and IPC streams pyarrow wrote from the
 * golden inputs (src/test/resources/arrow/generate.py): each scores to its golden case's value.
 */
class ArrowInputTest {

    private static final Path ARROW = Path.of("src/test/resources/arrow");

    private static String f(String name) {
        return ARROW.resolve(name).toString();
    }

    private static Cli.Run score(String args, String file) {
        return Cli.score(args, f(file));
    }

    /** Expected values: golden/*&#47;cases.json, one case per loss shape and column type. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "reg-w.arrow | 1.8645651894340116 | -l mse",                  // mse-weighted-mean; 5 record batches
        "reg-a.feather | 1.5811830835281646 | -l rmse",               // rmse (aggregate); lz4
        "mc-logits.feather | 2.067028309603797 | -l cross-entropy",   // ce-mean: list<double>, int64; zstd
        "mc-logits.arrows | 2.067028309603797 | -l cross-entropy",    // the stream format
        "ctc-logprobs.feather | 18.07010394229739 | -l ctc",          // ctc-logprobs-mean: list<list<double>>, list<int64>
        "wer.arrow | 0.27586206896551724 | -l wer",                   // wer-corpus: strings
        "triplets-weighted.arrow | 0.4278424419433454 | -l triplet",  // triplet-explicit-weighted-mean: a batch loss
    })
    void scoresLikeTheGoldenCase(String file, double expected, String args) {
        Cli.Run run = score(args, file);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(expected, offset(1e-12 * Math.max(1, expected)));
    }

    @Test
    void floatIntAndBooleanColumnsAreNumbers() {
        // pred 0.5, 1.25, -2 (exact in float32), target 1, 0, 1 (int32, then bool): mse = (0.25 + 1.5625 + 9) / 3
        assertThat(score("-l mse", "types.arrow").out()).isEqualTo(10.8125 / 3 + "\n");
        assertThat(score("-l mse --col target=flag", "types.arrow").out()).isEqualTo(10.8125 / 3 + "\n");
    }

    @Test
    void fixedSizeListsAreVectors() {
        // mse of vectors: ((0.5)² + 0² + (0.5)² + 0²) / 4 over both records' elements
        Cli.Run run = score("-l mse --reduction none", "fixed-lists.arrow");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("line\tmse\n1\t0.125\n2\t0.125\n");
    }

    @Test
    void aNullIsAnInputErrorNamingRecordAndColumn() {
        Cli.Run run = score("-l mse", "nulls.arrow");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + f("nulls.arrow") + ", record 2, column \"pred\": no value\n");
    }

    @Test
    void nullsAreSkippedWhenAsked() {
        // records 1 and 4 remain: ((1−1)² + (4−5)²) / 2
        Cli.Run run = score("-l mse --on-invalid skip", "nulls.arrow");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("0.5\n");
        assertThat(run.err()).contains("skipped 2");
    }

    @Test
    void joinsOnAKeyColumn() {
        Cli.Run run = Cli.run("score", "-l", "mse", "-p", f("keyed-pred.arrow"), "-t", f("keyed-target.arrow"), "--key", "id");
        assertThat(run.err()).isEmpty();
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(2.500139943635635, offset(1e-12));  // golden mse-mean
    }

    @Test
    void anUnsupportedTypeNamesTheColumn() {
        Cli.Run run = score("-l mse", "decimal.arrow");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("losskit: " + f("decimal.arrow") + ": column \"pred\" has Arrow type Decimal(5, 2");
    }

    @Test
    void standardInputIsSniffedAsAFileOrAStream() throws IOException {
        for (String file : new String[] {"mc-logits.feather", "mc-logits.arrows"}) {
            Cli.Run run = Cli.runWithStdin(Files.readAllBytes(ARROW.resolve(file)), "score", "-l", "cross-entropy", "-");
            assertThat(run.err()).as(file).isEmpty();
            assertThat(Double.parseDouble(run.out().trim())).isCloseTo(2.067028309603797, offset(1e-12));
        }
    }

    @Test
    void aFileThatIsNotArrowIsAnInputError() {
        Cli.Run run = Cli.run("score", "-l", "mse", "--format", "arrow", "src/test/resources/arrow/generate.py");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("losskit: src/test/resources/arrow/generate.py: not an Arrow IPC file or stream");
    }

    /** Without the launcher's --add-opens (a plain java -cp run): one line saying what to do, exit 2. */
    @Test
    void withoutTheOpenedPackageTheMessageSaysWhatToDo() throws IOException, InterruptedException {
        Cli.Run run = Cli.runProcess(Path.of(System.getProperty("java.io.tmpdir")), java.util.Map.of(), "score", "-l", "mse", f("reg-a.feather"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("losskit: reading Arrow needs the JVM option --add-opens=java.base/java.nio=ALL-UNNAMED,"
                + " which bin/losskit gives when an argument names an .arrow, .feather or .arrows file or --format arrow");
    }
}
