package io.losskit.cli.engine;

import io.losskit.builtin.align.Aligner;
import io.losskit.builtin.align.Alignment;
import io.losskit.cli.bind.Binder;
import io.losskit.cli.bind.RoleBinding;
import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import io.losskit.cli.input.SplittableSource;
import io.losskit.cli.input.UsageError;
import io.losskit.core.BatchSampleException;
import io.losskit.core.LossStates;
import io.losskit.core.stats.BootstrapResult;
import io.losskit.core.stats.BootstrapStates;
import io.losskit.core.stats.Interval;
import io.losskit.core.stats.Resampling;
import io.losskit.core.stats.WorstCases;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One pass over an input feeding every selected loss: records → role binding → samples → each
 * loss's accumulator → results. Memory stays flat for per-sample and aggregate losses (except the
 * values kept for {@code --reduction none}); batch losses hold one batch.
 */
public final class ScoreEngine implements RunProgress {

    /**
     * How to read the input.
     *
     * @param batchSize samples per batch for batch losses; 0 for the whole input
     * @param classes class names for class targets given as names (empty: the pred column names)
     * @param columns explicit role → column mappings ({@code --col})
     * @param skipInvalid skip invalid records instead of stopping ({@code --on-invalid skip})
     * @param watched whether {@link #busy()} is kept up to date (for {@code --loss-timeout})
     * @param rows where per-sample values go as they are computed, or null to keep them in the report
     * @param threads how many threads may read a {@link SplittableSource} (1: the caller's alone)
     * @param by the slice columns of {@code --by} (empty: no slices)
     * @param posLabel {@code --pos-label}: the binary target name that reads as 1 (others as 0), or null
     * @param bootstrap the confidence intervals of {@code --ci}, or null
     * @param worst how many worst records each loss with per-sample (or per-utterance) values lists, or 0
     * @param ids the {@code --id} columns
     * @param align whether the worst records of the edit-distance family carry their alignments ({@code --align})
     */
    public record Options(int batchSize, List<String> classes, Map<String, String> columns, boolean skipInvalid,
                          boolean watched, RowSink rows, int threads, List<String> by, String posLabel,
                          Bootstrap bootstrap, int worst, List<String> ids, boolean align) {

        public Options(int batchSize, List<String> classes, Map<String, String> columns, boolean skipInvalid) {
            this(batchSize, classes, columns, skipInvalid, false, null, 1, List.of(), null, null, 0, List.of(), false);
        }

        public Options(int batchSize, List<String> classes, Map<String, String> columns, boolean skipInvalid,
                       boolean watched, RowSink rows, int threads, List<String> by, String posLabel) {
            this(batchSize, classes, columns, skipInvalid, watched, rows, threads, by, posLabel, null, 0, List.of(), false);
        }

        /** These options with {@code threads} reading threads. */
        public Options threads(int threads) {
            return new Options(batchSize, classes, columns, skipInvalid, watched, rows, threads, by, posLabel, bootstrap,
                    worst, ids, align);
        }

        /** These options with slices by the columns {@code names}. */
        public Options by(List<String> names) {
            return new Options(batchSize, classes, columns, skipInvalid, watched, rows, threads, List.copyOf(names),
                    posLabel, bootstrap, worst, ids, align);
        }

        /** These options with bootstrap intervals. */
        public Options bootstrap(Bootstrap b) {
            return new Options(batchSize, classes, columns, skipInvalid, watched, rows, threads, by, posLabel, b, worst, ids,
                    align);
        }

        /**
         * These options with the {@code k} worst records of each loss kept, the id columns
         * {@code names}, and with {@code align} the alignments of the edit-distance family's.
         */
        public Options worst(int k, List<String> names, boolean align) {
            return new Options(batchSize, classes, columns, skipInvalid, watched, rows, threads, by, posLabel, bootstrap, k,
                    List.copyOf(names), align);
        }
    }

    /**
     * One of the worst records of a loss ({@code --worst}).
     *
     * @param line the record's line in the file (its record number where the format has no lines)
     * @param ids the text of its {@code --id} columns
     * @param value its per-sample value (for wer, cer, mer, wil: the utterance's own rate)
     * @param alignment under {@code --align}, for the edit-distance family: how its pred aligns to its target; else null
     * @param unaligned why an alignment asked for is missing (the utterance is too long), else null
     */
    public record Worst(long line, List<String> ids, double value, Alignment alignment, String unaligned) {
    }

    /**
     * The confidence intervals of {@code --ci}: percentile intervals at {@code level} percent of
     * the Poisson bootstrap {@code resampling}.
     */
    public record Bootstrap(double level, Resampling resampling) {
    }

    /**
     * Takes the per-sample values of {@code --reduction none} as they are computed, so that output
     * starts at once and a closed pipe stops the run. Used when every selected loss is per-sample
     * (others give their values only at the end); the input is then read on one thread, in order.
     */
    public interface RowSink {
        /** Called once, before the first row, when the values come this way (and not in the report). */
        void begin();

        /**
         * One record's values, one per selected loss, in the order of the plan.
         *
         * @param line the record's line (its record number where the format has no lines)
         * @param ids the text of its {@code --id} columns
         */
        void row(long line, String[] ids, double[] values);
    }

    /**
     * A loss being computed now, on one reading thread: the same {@code call} seen twice means the
     * loss is still in the same call.
     */
    public record Busy(LoadedLoss loss, int thread, long call) {
    }

    /**
     * One loss's result.
     *
     * @param loss the loss as the user typed it ({@code log-loss}), which labels the result
     * @param values the per-sample values under {@code none}, else null
     * @param params every parameter's effective value
     * @param id the loss's canonical id ({@code bce}), which gates and baselines match on
     * @param ci the bootstrap interval of the value under {@code --ci}, else null
     * @param worst the worst records under {@code --worst}, worst first; null for a loss without
     *     per-sample values, and in slices
     */
    public record Outcome(String loss, Reduction reduction, double value, double[] values, long count,
                          Map<String, Object> params, Map<String, Long> details, String id, Interval ci, List<Worst> worst) {

        public Outcome(String loss, Reduction reduction, double value, double[] values, long count,
                       Map<String, Object> params, Map<String, Long> details, String id) {
            this(loss, reduction, value, values, count, params, details, id, null, null);
        }
    }

    /**
     * The results of a run.
     *
     * @param records records read (including skipped ones)
     * @param skipped records skipped as invalid
     * @param firstSkipped the message of the first skipped record, or null
     * @param warnings one line each
     * @param idColumns the {@code --id} columns
     * @param lines under {@code --reduction none}, when the values are in the results: each value's
     *     record's line (its record number where the format has no lines), else null
     * @param ids the same records' {@code --id} texts, else null
     */
    public record Report(List<Outcome> results, long records, long skipped, String firstSkipped, List<String> warnings,
                         List<Slice> slices, List<String> idColumns, long[] lines, List<String[]> ids) {

        public Report(List<Outcome> results, long records, long skipped, String firstSkipped, List<String> warnings,
                      List<Slice> slices) {
            this(results, records, skipped, firstSkipped, warnings, slices, List.of(), null, null);
        }
    }

    /**
     * One slice's results.
     *
     * @param key the slice's value in each {@code --by} column, in order: a Double or a String
     */
    public record Slice(Map<String, Object> key, List<Outcome> results) {
    }

    private final ReadCount progress = new ReadCount();
    private final List<Pass> passes = new CopyOnWriteArrayList<>();

    // what a progress line on another thread shows: set a few times a run, never per record
    /** The parts being read in parallel, or null. */
    private volatile List<SplittableSource.PartSource> parts;
    private volatile int batchSize = -1;
    private volatile String computing;
    private volatile int replicates;

    @Override
    public long recordsRead() {
        return progress.get();
    }

    /** From the bytes the parts of a parallel read have consumed of theirs; -1 otherwise (or for parts that count no bytes). */
    @Override
    public double fractionRead() {
        List<SplittableSource.PartSource> reading = parts;
        if (reading == null) {
            return -1;
        }
        long bytes = 0;
        long done = 0;
        for (SplittableSource.PartSource p : reading) {
            bytes += p.bytes();
            done += p.bytesRead();
        }
        return bytes <= 0 ? -1 : Math.min(1, done / (double) bytes);
    }

    /** Whether the input was read by columns (the rows of plain numbers in batches of arrays), not a record per row. */
    public boolean columnar() {
        return passes.stream().anyMatch(p -> p.byColumns);
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String computing() {
        return computing;
    }

    @Override
    public int replicates() {
        return replicates;
    }

    /** The loss each reading thread is in now (when {@link Options#watched()}), for a watchdog on another thread. */
    public List<Busy> busy() {
        List<Busy> busy = new ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            Pass p = passes.get(i);
            int in = p.busy;
            if (in >= 0) {
                busy.add(new Busy(p.losses.get(in).loss(), i, p.calls));
            }
        }
        return busy;
    }

    /**
     * Runs {@code plan} over {@code source}, on several threads when {@code options} allows and
     * the source is a {@link SplittableSource} (and no selected loss needs whole batches).
     *
     * @throws InputError on bad input (unless skipped)
     * @throws UsageError when a loss refuses its parameters or the reduction for this input's shape
     * @throws LossFailure when a loss (a plugin's) fails
     */
    public Report run(ScorePlan plan, RecordSource source, Options options) throws IOException {
        Map<String, List<RoleSpec>> specs = roleSpecs(plan);
        List<String> named = new ArrayList<>(options.by());
        named.addAll(options.ids());
        source.readsOnly(Binder.readable(specs, options.columns(), named));
        Reading reading = new Reading(source, options.skipInvalid());
        Record first = reading.next();
        if (reading.failure != null) {
            throw reading.failure;
        }
        if (first == null) {
            throw InputError.inFile(source.name(), reading.skipped > 0 ? "no valid records (" + reading.skipped
                    + " skipped; first: " + reading.firstSkipped.getMessage() + ")" : "no records");
        }
        boolean hasHeader = source.hasHeader();
        Map<String, RoleBinding> bindings = Binder.bind(source, first, hasHeader, specs, options.columns());
        List<String> warnings = weightWarnings(plan, bindings);
        Map<String, Integer> classIndex = Binder.classIndex(options.classes(), bindings.get("pred"), options.columns().get("pred"));
        SliceColumns by = options.by().isEmpty() ? null : SliceColumns.bind(source, first, "--by", options.by());
        SliceColumns idColumns = options.ids().isEmpty() ? null : SliceColumns.bind(source, first, "--id", options.ids());
        Setup setup = new Setup(plan, options, bindings, classIndex, by, idColumns, source.name(), source instanceof SplittableSource);
        if (options.worst() > 0) {
            for (int i = 0; i < plan.losses().size(); i++) {
                if (setup.evaluators.get(i).shape() != PerSampleLoss.class && !setup.losses.get(i).alignable()) {
                    warnings.add(plan.losses().get(i).descriptor().id() + ": has no per-sample values (its value is "
                            + "computed over " + (setup.evaluators.get(i).shape() == BatchLoss.class ? "batches" : "the whole input")
                            + "), so --worst lists none for it");
                }
            }
        }

        RowSink rows = options.rows() != null && plan.reduction() == Reduction.NONE
                && setup.allShaped(PerSampleLoss.class) ? options.rows() : null;
        if (rows != null) {
            setup.streaming();
        }
        if (setup.anyShaped(BatchLoss.class)) {
            batchSize = options.batchSize();
        }
        if (options.bootstrap() != null) {
            replicates = options.bootstrap().resampling().resamples();
        }
        List<Pass> parts = null;
        if (options.threads() > 1 && source instanceof SplittableSource splittable && rows == null
                && !setup.anyShaped(BatchLoss.class)) {
            parts = readInParallel(setup, splittable, options.threads());
            this.parts = null;
        }
        if (parts == null) {
            Pass all = pass(setup, reading);
            if (rows != null) {
                all.rows = rows;
                rows.begin();
            }
            all.read(first, progress);
            if (all.reading.failure != null) {
                throw all.reading.failure;
            }
            parts = List.of(all);
        }
        Pass pass = parts.get(0);
        for (Pass later : parts.subList(1, parts.size())) {
            pass.append(later);
        }
        progress.done(pass.reading.records);
        List<Outcome> outcomes = outcomes(plan, pass, pass.states, pass.boot, options.bootstrap(), pass.worst);
        for (int i = 0; i < plan.losses().size(); i++) {
            ScorePlan.Planned p = plan.losses().get(i);
            String id = p.descriptor().id();
            Outcome r = outcomes.get(i);
            Map<String, Long> reported = new LinkedHashMap<>(pass.states.states().get(i).warnings());
            if (pass.infiniteNaN[i] > 0) {
                reported.merge(INFINITE_NAN, pass.infiniteNaN[i], Long::sum);
            }
            if (Double.isNaN(r.value()) && plan.reduction() != Reduction.NONE && pass.sawInfinity[i]) {
                reported.merge(INFINITE_NAN, 1L, Long::sum);
            }
            for (Map.Entry<String, Long> w : reported.entrySet()) {
                warnings.add(prefixed(id, w.getKey()) + (w.getValue() > 1 ? " (" + w.getValue() + " times)" : ""));
            }
            if (pass.probabilities[i] && r.count() > 0) {
                warnings.add(prefixed(id, "every pred lies in [0, 1] (and every vector sums to 1), as probabilities do, "
                        + "but " + id + " reads pred as logits by default; for probabilities give -P input=probs"));
            }
        }
        List<Slice> slices = new ArrayList<>();
        if (pass.slices != null) {
            List<Integer> ids = new ArrayList<>();
            for (int id = 0; id < pass.slices.size(); id++) {
                if (pass.slices.get(id) != null) {
                    ids.add(id);
                }
            }
            SliceColumns seen = pass.slices.columns;
            ids.sort((a, b) -> SliceColumns.compare(seen.key(a), seen.key(b)));
            for (int id : ids) {
                slices.add(new Slice(by.byName(seen.key(id)), outcomes(plan, pass, pass.slices.get(id),
                        pass.slices.bootstrap(id), options.bootstrap(), null)));
            }
        }
        Reading all = pass.reading;
        return new Report(List.copyOf(outcomes), all.records, all.skipped,
                all.firstSkipped == null ? null : all.firstSkipped.getMessage(), List.copyOf(warnings), List.copyOf(slices),
                options.ids(), pass.kept == null ? null : pass.kept.lines(), pass.kept == null ? null : pass.kept.ids);
    }

    /** Every role the selected losses read, with the specs each gave it. */
    static Map<String, List<RoleSpec>> roleSpecs(ScorePlan plan) {
        Map<String, List<RoleSpec>> specs = new LinkedHashMap<>();
        for (ScorePlan.Planned p : plan.losses()) {
            for (RoleSpec r : p.descriptor().roles()) {
                List<RoleSpec> given = specs.get(r.name());
                if (given == null) {
                    given = new ArrayList<>();
                    specs.put(r.name(), given);
                }
                given.add(r);
            }
        }
        return specs;
    }

    /** The weights are read for the losses that take them: a warning for each loss they leave out. */
    static List<String> weightWarnings(ScorePlan plan, Map<String, RoleBinding> bindings) {
        List<String> warnings = new ArrayList<>();
        RoleBinding weight = bindings.get(LossDescriptor.WEIGHT);
        if (weight != null) {
            for (ScorePlan.Planned p : plan.losses()) {
                if (!p.descriptor().takesWeight()) {
                    warnings.add(p.descriptor().id() + ": takes no sample weight; the weights ("
                            + weight.display() + ") apply to the other losses only");
                }
            }
        }
        return warnings;
    }

    /**
     * The results of {@code states}, the states of every selected loss over some records, with
     * the intervals of {@code boot}, their bootstrap (null without {@code --ci}).
     */
    private List<Outcome> outcomes(ScorePlan plan, Pass pass, LossStates states, BootstrapStates boot,
                                   Bootstrap bootstrap, WorstCases<Pass.Located>[] worst) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.losses().size(); i++) {
            ScorePlan.Planned p = plan.losses().get(i);
            computing = p.label() + (!pass.batch[i] ? "" : batchSize == 0 ? ", one batch of all " + String.format("%,d", pass.reading.records)
                    + " records" : ", the last batch");
            LossResult r;
            Interval ci = null;
            pass.enter(i);
            try {
                if (boot != null) {
                    BootstrapResult b = boot.states().get(i).finish();
                    r = b.point();
                    ci = b.interval(bootstrap.level());
                } else {
                    r = states.states().get(i).finish();
                }
            } catch (BatchSampleException e) {
                throw pass.located(e);
            } catch (InputError | UsageError e) {
                throw e;
            } catch (RuntimeException | VirtualMachineError e) {
                throw LossFailure.of(p.loss(), e);
            }
            pass.enter(-1);
            outcomes.add(new Outcome(p.label(), plan.reduction(), r.value(), r.values(), r.count(),
                    p.params().effective(), inDeclaredOrder(r.details(), p.descriptor().details()), p.descriptor().id(), ci,
                    worst == null || worst[i] == null ? null : worst(worst[i], pass.aligners[i], p)));
        }
        return outcomes;
    }

    /** The worst records, each with its alignment when the pass kept its sample ({@code --align}). */
    private static List<Worst> worst(WorstCases<Pass.Located> cases, Aligner aligner, ScorePlan.Planned loss) {
        List<Worst> worst = new ArrayList<>();
        for (WorstCases.Entry<Pass.Located> e : cases.worst()) {
            Pass.Located at = e.item();
            Alignment alignment = null;
            String unaligned = null;
            if (at.sample() != null) {
                try {
                    alignment = aligner.align(at.sample());
                } catch (Aligner.TooLong tooLong) {
                    unaligned = tooLong.getMessage();
                } catch (RuntimeException | VirtualMachineError failure) {
                    throw LossFailure.of(loss.loss(), failure);
                }
            }
            worst.add(new Worst(at.line(), List.of(at.ids()), e.value(), alignment, unaligned));
        }
        return worst;
    }

    private static final String INFINITE_NAN = "NaN from infinite inputs (∞ − ∞ and ∞/∞ have no value)";

    /** {@code id: message}, unless the message already starts so (a loss may name itself). */
    static String prefixed(String id, String message) {
        return message.startsWith(id + ":") ? message : id + ": " + message;
    }

    /** A pass over {@code reading} that {@link #busy()} and {@link #recordsRead()} see. */
    private Pass pass(Setup setup, Reading reading) {
        Pass pass = new Pass(reading, setup);
        passes.add(pass);
        return pass;
    }

    /**
     * Reads the parts of {@code source} on their own threads, or returns null when there is but one
     * or their cuts turn out not to be record boundaries (a quoted line break), so that the caller
     * reads sequentially.
     */
    private List<Pass> readInParallel(Setup setup, SplittableSource source, int threads) throws IOException {
        List<? extends SplittableSource.Part> cuts = source.split(threads);
        if (cuts.size() < 2) {
            return null;
        }
        List<Pass> parts = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        List<SplittableSource.PartSource> sources = new ArrayList<>();
        // the bootstrap keys a record on its position in the file: each part must know where it starts
        long keysBefore = source.headerLines();
        for (SplittableSource.Part cut : cuts) {
            SplittableSource.PartSource part = cut.open();
            sources.add(part);
            Pass pass = pass(setup, new Reading(part, setup.options.skipInvalid()));
            parts.add(pass);
            if (setup.needsKeys()) {
                pass.keyOffset = keysBefore;
                if (parts.size() < cuts.size()) {
                    keysBefore += cut.keySpan();
                }
            }
            this.parts = List.copyOf(sources);
            Thread t = new Thread(() -> {
                try (part) {
                    pass.read(null, progress);
                } catch (IOException | RuntimeException | Error e) {
                    pass.crash = e;
                }
            }, "losskit-part-" + parts.size());
            running.add(t);
            t.start();
        }
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        long lines = source.headerLines();
        long records = 0;
        for (int i = 0; i < parts.size(); i++) {
            Pass p = parts.get(i);
            if (p.reading.failure == null && p.crash == null && !sources.get(i).endedAtCut()) {
                return null;
            }
            p.reading.shift(lines, records);
            if (p.crash instanceof IOException e) {
                throw e;
            }
            if (p.crash instanceof RuntimeException e) {
                throw e;
            }
            if (p.crash instanceof Error e) {
                throw e;
            }
            if (p.reading.failure != null) {
                throw p.reading.failure;
            }
            lines += sources.get(i).linesRead();
            records += p.reading.records;
        }
        return parts;
    }

    /** {@code details} in the order the descriptor declares them (a LossResult's map has none), others after. */
    private static Map<String, Long> inDeclaredOrder(Map<String, Long> details, List<String> declared) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String key : declared) {
            if (details.containsKey(key)) {
                ordered.put(key, details.get(key));
            }
        }
        for (Map.Entry<String, Long> d : new java.util.TreeMap<>(details).entrySet()) {
            ordered.putIfAbsent(d.getKey(), d.getValue());
        }
        return ordered;
    }
}
