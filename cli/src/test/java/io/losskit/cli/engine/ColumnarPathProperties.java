package io.losskit.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.cli.LossRegistry;
import io.losskit.cli.ScorePlanner;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Inputs;
import io.losskit.cli.input.RecordSource;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The columnar path (rows of plain numbers in batches of arrays) gives what the record path gives,
 * bit for bit, with the same counts, skips and error messages, on CSV with rows it must leave to the
 * records (NaN, ±inf, empty and non-numeric cells, quoted numbers, blanks around a number, a short
 * record, blank lines) anywhere, batch boundaries (8,192 rows) included; and so for logits in columns
 * (a vector role) with class indices, whose cells that are no integer are the records' too.
 */
class ColumnarPathProperties {

    private static final LossRegistry REGISTRY = LossRegistry.builtin();
    private static final List<String> LOSSES = List.of("mse", "mae", "huber", "rmse", "log-cosh");
    /** With losses that refuse rows of plain numbers (msle: pred ≤ −1; poisson: a negative target), an accumulator among them. */
    private static final List<String> REFUSING = List.of("mse", "msle", "rmse", "poisson", "huber");
    /** Slice cells: texts, numbers spelled two ways (one slice, as on the record path), an empty cell. */
    private static final String[] SLICES = {"a", "b", "c", "1", "1.0", "", "\"a\""};
    private static final String[] DIRTY = {"nan", "inf", "-inf", "", "x", "\"1.5\"", " 2", "1e400"};

    @Property(tries = 12)
    void columnsGiveWhatRecordsGive(@ForAll @IntRange(min = 1, max = 20000) int rows, @ForAll long seed,
                                    @ForAll boolean weighted, @ForAll @IntRange(min = 1, max = 3) int threads,
                                    @ForAll boolean refusing, @ForAll boolean sliced) throws IOException {
        Random random = new Random(seed);
        Path file = Files.createTempFile("columnar", ".csv");
        try {
            StringBuilder sb = new StringBuilder(sliced ? "slice," : "").append(weighted ? "pred,target,weight\n" : "pred,target\n");
            // few dirty rows, some of them next to a batch boundary
            int dirty = random.nextInt(4);
            for (int i = 0; i < rows; i++) {
                boolean bad = random.nextInt(rows) < dirty || i == 8191 || i == 8192;
                String pred = Double.toString(random.nextGaussian() * 3);
                String target = Double.toString(Math.rint(random.nextGaussian()));
                if (bad) {
                    String cell = DIRTY[random.nextInt(DIRTY.length)];
                    if (random.nextBoolean()) {
                        pred = cell;
                    } else {
                        target = cell;
                    }
                }
                if (sliced) {
                    sb.append(SLICES[random.nextInt(SLICES.length)]).append(',');
                }
                sb.append(pred).append(',').append(target);
                if (weighted && !(bad && random.nextInt(4) == 0)) {
                    sb.append(',').append(random.nextInt(3) * 0.5);
                }
                sb.append('\n');
                if (bad && random.nextInt(3) == 0) {
                    sb.append('\n');
                }
            }
            Files.writeString(file, sb);
            assertColumnsGiveWhatRecordsGive(file, refusing ? REFUSING : LOSSES, Map.of(), threads,
                    sliced ? List.of("slice") : List.of());
        } finally {
            Files.delete(file);
        }
    }

    private static final List<String> CLASS_LOSSES = List.of("cross-entropy", "nll", "softmax-focal", "multi-margin", "zero-one",
            "perplexity");
    /** Class losses that all take columns, so that the batches go a loss at a time (with any of the others they go row by row). */
    private static final List<String> COLUMN_CLASS_LOSSES = List.of("cross-entropy", "nll", "zero-one", "perplexity");
    /** Target cells the columnar path must leave to the records: not an integer, or no number; an index out of range is the losses' error. */
    private static final String[] DIRTY_CLASS = {"1.5", "-0.5", "nan", "", "x", "3e9", " 1", "\"2\""};

    @Property(tries = 10)
    void logitColumnsAndClassIndicesGiveWhatRecordsGive(@ForAll @IntRange(min = 1, max = 20000) int rows, @ForAll long seed,
                                                       @ForAll boolean weighted, @ForAll @IntRange(min = 1, max = 3) int threads,
                                                       @ForAll boolean allTakeColumns, @ForAll boolean sliced) throws IOException {
        Random random = new Random(seed);
        int classes = 2 + random.nextInt(4);
        Path file = Files.createTempFile("columnar", ".csv");
        try {
            StringBuilder sb = new StringBuilder(sliced ? "slice," : "");
            for (int c = 0; c < classes; c++) {
                sb.append("logit_").append(c).append(',');
            }
            sb.append(weighted ? "target,weight\n" : "target\n");
            int dirty = random.nextInt(4);
            for (int i = 0; i < rows; i++) {
                boolean bad = random.nextInt(rows) < dirty || i == 8191 || i == 8192;
                String[] cells = new String[classes + 1];
                for (int c = 0; c < classes; c++) {
                    cells[c] = Double.toString(random.nextGaussian() * 2);
                }
                // an index one past the last class now and then: the losses refuse it, on either path
                cells[classes] = Integer.toString(random.nextInt(rows) < dirty ? classes : random.nextInt(classes));
                if (bad) {
                    if (random.nextBoolean()) {
                        cells[classes] = DIRTY_CLASS[random.nextInt(DIRTY_CLASS.length)];
                    } else {
                        cells[random.nextInt(classes)] = DIRTY[random.nextInt(DIRTY.length)];
                    }
                }
                if (sliced) {
                    sb.append(SLICES[random.nextInt(SLICES.length)]).append(',');
                }
                sb.append(String.join(",", cells));
                if (weighted && !(bad && random.nextInt(4) == 0)) {
                    sb.append(',').append(random.nextInt(3) * 0.5);
                }
                sb.append('\n');
            }
            Files.writeString(file, sb);
            assertColumnsGiveWhatRecordsGive(file, allTakeColumns ? COLUMN_CLASS_LOSSES : CLASS_LOSSES, Map.of("pred", "logit_*"),
                    threads, sliced ? List.of("slice") : List.of());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void classIndicesGiveTheRecordPathsValuesAndErrors() throws IOException {
        Path file = Files.createTempFile("columnar", ".csv");
        try {
            // line 3: a class index that is no integer; the others' cross-entropies are by hand below
            Files.writeString(file, "logit_0,logit_1,target\n0,0,1\n1,2,0.5\n2,0,0\n");
            Result failing = run(file, List.of("cross-entropy"), Map.of("pred", "logit_*"), 1, false, false);
            assertThat(failing.columnar).isTrue();
            assertThat(failing.error).contains("line 3").contains("target").contains("not an integer");
            Result skipping = run(file, List.of("cross-entropy"), Map.of("pred", "logit_*"), 1, true, false);
            assertThat(skipping.report.skipped()).isEqualTo(1);
            // ln 2 (equal logits), and -log(e^2 / (e^2 + 1)) = ln(1 + e^-2)
            assertThat(skipping.report.results().get(0).value()).isCloseTo((Math.log(2) + Math.log1p(Math.exp(-2))) / 2,
                    org.assertj.core.api.Assertions.within(1e-15));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aRowLeftToTheRecordsIsLocatedAndSkippedAsOnTheRecordPath() throws IOException {
        Path file = Files.createTempFile("columnar", ".csv");
        try {
            // line 3: an empty target; line 5: NaN; the others' squared errors are 1, 4, 9
            Files.writeString(file, "pred,target\n1,0\n2,\n2,0\nnan,1\n0,3\n");
            Result failing = run(file, 1, false, false);
            assertThat(failing.columnar).isTrue();
            assertThat(failing.error).contains("line 3").contains("target");
            Result skipping = run(file, 1, true, false);
            assertThat(skipping.report.skipped()).isEqualTo(2);
            assertThat(skipping.report.records()).isEqualTo(5);
            assertThat(skipping.report.results().get(0).value()).isEqualTo(14.0 / 3);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void thePlanChoosesTheColumnarPathOnlyWhenNothingNeedsRecords() throws IOException {
        Path file = Files.createTempFile("columnar", ".csv");
        try {
            Files.writeString(file, "pred,target,slice\n1,0,a\n2,1,b\n");
            ScoreEngine.Options plain = new ScoreEngine.Options(0, List.of(), Map.of(), false);
            assertThat(columnar(file, List.of("mse", "rmse"), Reduction.MEAN, plain)).isTrue();
            assertThat(columnar(file, List.of("mse"), Reduction.NONE, plain)).isFalse();
            assertThat(columnar(file, List.of("mse"), Reduction.MEAN, plain.by(List.of("slice")))).isTrue();
            assertThat(columnar(file, List.of("mse"), Reduction.MEAN, plain.worst(1, List.of(), false))).isFalse();
            assertThat(columnar(file, List.of("mse"), Reduction.MEAN, plain.worst(0, List.of("slice"), false))).isFalse();
            assertThat(columnar(file, List.of("mse"), Reduction.MEAN, plain.bootstrap(new ScoreEngine.Bootstrap(95,
                    new io.losskit.core.stats.Resampling(20, 1))))).isFalse();
            Files.writeString(file, "logit_0,logit_1,target\n1,0,0\n2,1,1\n");
            ScoreEngine.Options logits = new ScoreEngine.Options(0, List.of(), Map.of("pred", "logit_*"), false);
            assertThat(columnar(file, List.of("cross-entropy"), Reduction.MEAN, logits)).isTrue();
            // class names that are numbers other than their index: a cell is looked up among them before it is read as a number
            assertThat(columnar(file, List.of("cross-entropy"), Reduction.MEAN,
                    new ScoreEngine.Options(0, List.of("1", "0"), Map.of("pred", "logit_*"), false))).isFalse();
            assertThat(columnar(file, List.of("cross-entropy"), Reduction.MEAN,
                    new ScoreEngine.Options(0, List.of("cat", "dog"), Map.of("pred", "logit_*"), false))).isTrue();
        } finally {
            Files.delete(file);
        }
    }

    /** Both paths over {@code file}, failing at the first invalid record and skipping them: the same error, or the same report. */
    private static void assertColumnsGiveWhatRecordsGive(Path file, List<String> losses, Map<String, String> columns, int threads)
            throws IOException {
        assertColumnsGiveWhatRecordsGive(file, losses, columns, threads, List.of());
    }

    /** The same, grouped by {@code by} when it names columns: every slice's values too. */
    private static void assertColumnsGiveWhatRecordsGive(Path file, List<String> losses, Map<String, String> columns, int threads,
                                                         List<String> by) throws IOException {
        for (boolean skip : new boolean[] {true, false}) {
            Result byColumns = run(file, losses, columns, threads, skip, false, by);
            Result records = run(file, losses, columns, threads, skip, true, by);
            assertThat(records.columnar).isFalse();
            assertThat(byColumns.error).isEqualTo(records.error);
            if (byColumns.report != null) {
                assertThat(byColumns.columnar).isTrue();
                assertThat(byColumns.report.records()).isEqualTo(records.report.records());
                assertThat(byColumns.report.skipped()).isEqualTo(records.report.skipped());
                assertThat(byColumns.report.firstSkipped()).isEqualTo(records.report.firstSkipped());
                // (--worst, which puts the records on the record path, adds a warning of its own for the aggregates)
                assertThat(byColumns.report.warnings()).isEqualTo(records.report.warnings().stream()
                        .filter(w -> !w.contains("--worst")).toList());
                for (int i = 0; i < losses.size(); i++) {
                    assertThat(Double.doubleToRawLongBits(byColumns.report.results().get(i).value())).as(losses.get(i))
                            .isEqualTo(Double.doubleToRawLongBits(records.report.results().get(i).value()));
                }
                assertThat(byColumns.report.slices().size()).isEqualTo(records.report.slices().size());
                for (int k = 0; k < records.report.slices().size(); k++) {
                    ScoreEngine.Slice one = byColumns.report.slices().get(k);
                    ScoreEngine.Slice other = records.report.slices().get(k);
                    assertThat(one.key()).isEqualTo(other.key());
                    for (int i = 0; i < losses.size(); i++) {
                        assertThat(one.results().get(i).count()).isEqualTo(other.results().get(i).count());
                        assertThat(Double.doubleToRawLongBits(one.results().get(i).value())).as(losses.get(i) + " " + one.key())
                                .isEqualTo(Double.doubleToRawLongBits(other.results().get(i).value()));
                    }
                }
            }
        }
    }

    private record Result(ScoreEngine.Report report, String error, boolean columnar) {
    }

    /** Runs the losses; {@code records}: on the record path, forced by {@code --worst} (which changes no value). */
    private static Result run(Path file, int threads, boolean skip, boolean records) throws IOException {
        return run(file, LOSSES, Map.of(), threads, skip, records);
    }

    private static Result run(Path file, List<String> losses, Map<String, String> columns, int threads, boolean skip,
                              boolean records) throws IOException {
        return run(file, losses, columns, threads, skip, records, List.of());
    }

    private static Result run(Path file, List<String> losses, Map<String, String> columns, int threads, boolean skip,
                              boolean records, List<String> by) throws IOException {
        ScorePlan plan = ScorePlanner.plan(REGISTRY, losses, List.of(), Reduction.MEAN, x -> Map.of());
        ScoreEngine.Options options = new ScoreEngine.Options(0, List.of(), columns, skip).threads(threads);
        options = by.isEmpty() ? options : options.by(by);
        ScoreEngine engine = new ScoreEngine();
        try (RecordSource source = Inputs.open(file.toString(), null, InputStream.nullInputStream())) {
            return new Result(engine.run(plan, source, records ? options.worst(1, List.of(), false) : options), null, engine.columnar());
        } catch (InputError e) {
            return new Result(null, e.getMessage(), engine.columnar());
        }
    }

    private static boolean columnar(Path file, List<String> losses, Reduction reduction, ScoreEngine.Options options)
            throws IOException {
        ScorePlan plan = ScorePlanner.plan(REGISTRY, losses, List.of(), reduction, x -> Map.of());
        ScoreEngine engine = new ScoreEngine();
        try (RecordSource source = Inputs.open(file.toString(), null, InputStream.nullInputStream())) {
            engine.run(plan, source, options);
        }
        return engine.columnar();
    }
}
