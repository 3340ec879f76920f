package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parquet files pyarrow and pandas wrote from the golden inputs (src/test/resources/parquet/generate.py),
 * in snappy, zstd, gzip and lz4, several row groups, data pages v1 and v2, dictionary, plain and
 * byte-stream-split encodings: each scores to its golden case's value.
 */
class ParquetInputTest {

    private static final Path PARQUET = Path.of("src/test/resources/parquet");

    private static String f(String name) {
        return PARQUET.resolve(name).toString();
    }

    private static Cli.Run score(String args, String file) {
        return Cli.score(args, f(file));
    }

    /** Expected values: golden/*&#47;cases.json, one case per loss shape and column type. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "reg-w.parquet | 1.8645651894340116 | -l mse",                 // mse-weighted-mean; snappy, 5 row groups
        "reg-a.parquet | 1.5811830835281646 | -l rmse",                // rmse (aggregate); written by pandas
        "reg-a-v2.parquet | 1.5811830835281646 | -l rmse",             // data page v2, lz4, byte-stream-split and plain
        "mc-logits.parquet | 2.067028309603797 | -l cross-entropy",    // ce-mean: list<double>, int64; zstd, 3 row groups
        "ctc-logprobs.parquet | 18.07010394229739 | -l ctc",           // ctc-logprobs-mean: list<list<double>>, list<int64>; gzip
        "wer.parquet | 0.27586206896551724 | -l wer",                  // wer-corpus: strings
        "triplets-weighted.parquet | 0.4278424419433454 | -l triplet", // triplet-explicit-weighted-mean: a batch loss
    })
    void scoresLikeTheGoldenCase(String file, double expected, String args) {
        Cli.Run run = score(args, file);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(expected, offset(1e-12 * Math.max(1, expected)));
    }

    /** pred 0.5, 1.25, -2 (exact in float32), target 1, 0, 1: mse = (0.25 + 1.5625 + 9) / 3, whatever the target's type. */
    @ParameterizedTest
    @ValueSource(strings = {"target", "long", "unsigned", "flag"})
    void floatIntegerAndBooleanColumnsAreNumbers(String target) {
        Cli.Run run = score("-l mse --col target=" + target, "types.parquet");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(10.8125 / 3 + "\n");
    }

    /**
     * pages-v1/v2.parquet (generate.py): pred and target on the fast path (dictionary pages with
     * 9-bit indices, plain pages once the dictionary is given up, bit-packed definition levels,
     * pages streamed through reused buffers), pred_bss and target_bss the same values through
     * parquet-column's readers: the same results bit for bit and the same skips; the values are
     * Python's math.fsum over the 14,820 rows without a null.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pages-v1.parquet", "pages-v2.parquet"})
    void theFastPathDecodesPagesAsParquetColumnDoes(String file) {
        Cli.Run fast = score("-l mse,mae --on-invalid skip", file);
        Cli.Run column = score("-l mse,mae --on-invalid skip --col pred=pred_bss --col target=target_bss", file);
        assertThat(fast.exit()).isZero();
        assertThat(fast.out()).isEqualTo(column.out()).isEqualTo("mse\t251.97191066247984\nmae\t13.016105000125581\n");
        String skipped = "losskit: warning: skipped 180 invalid record(s) of 15000; the first: " + f(file) + ", record 100, column ";
        assertThat(fast.err()).isEqualTo(skipped + "\"pred\": no value\n");
        assertThat(column.err()).isEqualTo(skipped + "\"pred_bss\": no value\n");
    }

    /** pages-plain.parquet: uncompressed, a page of 72 KB per column, read through a window that grows to it; Python's math.fsum. */
    @Test
    void aPageLargerThanAReadsLookAheadIsReadWhole() {
        Cli.Run run = score("-l mse,mae --on-invalid skip", "pages-plain.parquet");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("mse\t247.81944793687617\nmae\t12.904021225463547\n");
    }

    @Test
    void aNullIsAnInputErrorNamingRowAndColumn() {
        Cli.Run run = score("-l mse", "nulls.parquet");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + f("nulls.parquet") + ", record 2, column \"pred\": no value\n");
    }

    @Test
    void nullsAreSkippedWhenAsked() {
        // rows 1 and 4 remain (row 3, in the second row group, has a null target): ((1−1)² + (4−5)²) / 2
        Cli.Run run = score("-l mse --on-invalid skip", "nulls.parquet");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("0.5\n");
        assertThat(run.err()).isEqualTo("losskit: warning: skipped 2 invalid record(s) of 4; the first: " + f("nulls.parquet")
                + ", record 2, column \"pred\": no value\n");
    }

    @Test
    void aNullInAListNamesRowColumnAndItem() {
        Cli.Run run = score("-l mse", "list-nulls.parquet");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + f("list-nulls.parquet") + ", record 2, column \"pred\": a null at item 1 of the list\n");
        // skipped: row 2 (a null item) and row 3 (a null list); rows 1 and 4: (0.25 + 0) / 2 and (0 + 4) / 2
        Cli.Run skip = score("-l mse --reduction none --on-invalid skip", "list-nulls.parquet");
        assertThat(skip.exit()).isZero();
        assertThat(skip.out()).isEqualTo("line\tmse\n1\t0.125\n4\t2.0\n");   // labelled with their rows
        assertThat(skip.err()).contains("skipped 2 invalid record(s) of 4");
    }

    @Test
    void joinsOnAKeyColumn() {
        Cli.Run run = Cli.run("score", "-l", "mse", "-p", f("keyed-pred.parquet"), "-t", f("keyed-target.parquet"), "--key", "id");
        assertThat(run.err()).isEmpty();
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(2.500139943635635, offset(1e-12));  // golden mse-mean
    }

    @Test
    void slicesAreThoseOfTheSameTableAsCsv() {
        Cli.Run parquet = score("-l mse,mae --by slice -o csv", "sliced.parquet");
        Cli.Run csv = score("-l mse,mae --by slice -o csv", "sliced.csv");
        assertThat(parquet.err()).isEmpty();
        assertThat(parquet.exit()).isZero();
        assertThat(parquet.out()).isEqualTo(csv.out()).contains("a,").contains("b,").contains("c,");
    }

    @Test
    void predAndTargetInTwoFiles() {
        Cli.Run run = Cli.run("score", "-l", "mse", "-p", f("keyed-pred.parquet"), "-t", f("sliced.csv"));
        assertThat(run.err()).isEmpty();
        assertThat(Double.parseDouble(run.out().trim())).isCloseTo(2.500139943635635, offset(1e-12));
    }

    @Test
    void anUnsupportedTypeNamesTheColumn() {
        Cli.Run decimal = score("-l mse", "decimal.parquet");
        assertThat(decimal.exit()).isEqualTo(3);
        assertThat(decimal.err()).isEqualTo("losskit: " + f("decimal.parquet") + ": column \"pred\" has Parquet type"
                + " fixed_len_byte_array (DECIMAL), which no role reads (numbers, booleans, strings, and lists of them or of lists of numbers)\n");
        Cli.Run struct = score("-l mse", "struct.parquet");
        assertThat(struct.exit()).isEqualTo(3);
        assertThat(struct.err()).startsWith("losskit: " + f("struct.parquet") + ": column \"pred\" has Parquet type group pred (2 columns: a struct or a map)");
    }

    /** Only the columns a role reads are decoded: a brotli column beside them is never opened, until a role reads it. */
    @Test
    void onlyTheColumnsRolesReadAreDecoded() {
        Cli.Run run = score("-l mse", "brotli-notes.parquet");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("0.125\n");
        Cli.Run read = score("-l mse --by notes", "brotli-notes.parquet");
        assertThat(read.exit()).isEqualTo(3);
        assertThat(read.err()).isEqualTo("losskit: " + f("brotli-notes.parquet")
                + ": column \"notes\": its compression brotli is not supported (snappy, zstd, gzip, lz4_raw, uncompressed are)\n");
    }

    @Test
    void standardInputIsRefusedSayingAFileIsNeeded() throws IOException {
        byte[] file = Files.readAllBytes(PARQUET.resolve("reg-a.parquet"));
        String expected = "losskit: standard input (-) cannot be read as parquet: a .parquet file is read from its end, so give it as a file, not through a pipe\n";
        Cli.Run sniffed = Cli.runWithStdin(file, "score", "-l", "mse", "-");
        assertThat(sniffed.exit()).isEqualTo(2);
        assertThat(sniffed.err()).startsWith(expected);
        Cli.Run named = Cli.runWithStdin(file, "score", "-l", "mse", "--format", "parquet", "-");
        assertThat(named.exit()).isEqualTo(2);
        assertThat(named.err()).startsWith(expected);
    }

    @Test
    void aFileThatIsNotParquetIsAnInputError() {
        Cli.Run run = Cli.run("score", "-l", "mse", "--format", "parquet", f("generate.py"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + f("generate.py") + ": not a Parquet file (it does not begin and end with PAR1)\n");
    }

    @Test
    void aTruncatedFileIsAnInputError() throws IOException {
        Path cut = Files.createTempFile("cut", ".parquet");
        byte[] file = Files.readAllBytes(PARQUET.resolve("reg-w.parquet"));
        Files.write(cut, java.util.Arrays.copyOf(file, file.length / 2));
        Cli.Run run = Cli.run("score", "-l", "mse", cut.toString());
        Files.delete(cut);
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + cut + ": not a Parquet file (it does not begin and end with PAR1)\n");
    }

    @Test
    void aDamagedPageIsAnInputErrorNamingTheRowGroup() throws IOException {
        Path bad = Files.createTempFile("bad", ".parquet");
        byte[] file = Files.readAllBytes(PARQUET.resolve("reg-w.parquet"));
        java.util.Arrays.fill(file, 4, 24, (byte) 0xff);  // the first page header of the first column
        Files.write(bad, file);
        Cli.Run run = Cli.run("score", "-l", "mse", bad.toString());
        Files.delete(bad);
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("losskit: " + bad + ", record 1, column \"pred\": malformed Parquet data in row group 1 (");
    }
}
