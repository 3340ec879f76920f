package io.losskit.cli.engine;

import io.losskit.cli.InputError;
import io.losskit.cli.UsageError;
import io.losskit.cli.input.CsvChunks;
import io.losskit.cli.input.CsvSource;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import io.losskit.core.BatchSampleException;
import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.LossStates;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidInputException;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pass over an input feeding every selected loss: records → role binding → samples → each
 * loss's accumulator → results. Memory stays flat for per-sample and aggregate losses (except the
 * values kept for {@code --reduction none}); batch losses hold one batch.
 */
public final class ScoreEngine {

    /**
     * How to read the input.
     *
     * @param batchSize samples per batch for batch losses; 0 for the whole input
     * @param classes class names for class targets given as names (empty: the pred column names)
     * @param columns explicit role → column mappings ({@code --col})
     * @param skipInvalid skip invalid records instead of stopping ({@code --on-invalid skip})
     * @param watched whether {@link #busy()} is kept up to date (for {@code --loss-timeout})
     * @param rows where per-sample values go as they are computed, or null to keep them in the report
     */
    public record Options(int batchSize, List<String> classes, Map<String, String> columns, boolean skipInvalid,
                          boolean watched, RowSink rows) {

        public Options(int batchSize, List<String> classes, Map<String, String> columns, boolean skipInvalid) {
            this(batchSize, classes, columns, skipInvalid, false, null);
        }
    }

    /**
     * Takes the per-sample values of {@code --reduction none} as they are computed, so that output
     * starts at once and a closed pipe stops the run. Used when every selected loss is per-sample
     * (others give their values only at the end); the input is then read on one thread, in order.
     */
    public interface RowSink {
        /** Called once, before the first row, when the values come this way (and not in the report). */
        void begin();

        /** One record's values, one per selected loss, in the order of the plan. */
        void row(Record record, double[] values);
    }

    /**
     * A loss being computed now, on one reading thread: the same {@code call} seen twice means the
     * loss is still in the same call.
     */
    public record Busy(io.losskit.cli.LossRegistry.Entry loss, int thread, long call) {
    }

    /**
     * One loss's result.
     *
     * @param values the per-sample values under {@code none}, else null
     * @param params every parameter's effective value
     */
    public record Outcome(String loss, Reduction reduction, double value, double[] values, long count,
                          Map<String, Object> params, Map<String, Long> details) {
    }

    /**
     * The results of a run.
     *
     * @param records records read (including skipped ones)
     * @param skipped records skipped as invalid
     * @param firstSkipped the message of the first skipped record, or null
     * @param warnings one line each
     */
    public record Report(List<Outcome> results, long records, long skipped, String firstSkipped, List<String> warnings) {
    }

    private final java.util.concurrent.atomic.LongAdder progress = new java.util.concurrent.atomic.LongAdder();
    private final List<Pass> passes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** About how many records have been read so far (for a progress display on another thread). */
    public long recordsRead() {
        return progress.sum();
    }

    /** The loss each reading thread is in now (when {@link Options#watched()}), for a watchdog on another thread. */
    public List<Busy> busy() {
        List<Busy> busy = new ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            Pass p = passes.get(i);
            int in = p.busy;
            if (in >= 0) {
                busy.add(new Busy(p.losses.get(in).entry(), i, p.calls));
            }
        }
        return busy;
    }

    /**
     * Runs {@code plan} over {@code source}.
     *
     * @throws InputError on bad input (unless skipped)
     * @throws UsageError when a loss refuses its parameters or the reduction for this input's shape
     */
    public Report run(ScorePlan plan, RecordSource source, Options options) throws IOException {
        return run(plan, source, options, null);
    }

    /**
     * Runs {@code plan} over {@code source}, reading it on several threads when {@code chunks}
     * says how to cut it and no selected loss needs whole batches.
     */
    public Report run(ScorePlan plan, RecordSource source, Options options, Chunks chunks) throws IOException {
        Map<String, List<RoleSpec>> specs = new LinkedHashMap<>();
        for (ScorePlan.Planned p : plan.losses()) {
            for (RoleSpec r : p.descriptor().roles()) {
                specs.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
            }
        }
        source.readsOnly(Binder.readable(specs, options.columns()));
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
        List<String> warnings = new ArrayList<>();
        RoleBinding weight = bindings.get(LossDescriptor.WEIGHT);
        if (weight != null) {
            // The weights are read for the losses that take them; say which losses they leave out.
            for (ScorePlan.Planned p : plan.losses()) {
                if (!p.descriptor().takesWeight()) {
                    warnings.add(p.descriptor().id() + ": takes no sample weight; the weights ("
                            + weight.display() + ") apply to the other losses only");
                }
            }
        }
        Map<String, Integer> classIndex = Binder.classIndex(options.classes(), bindings.get("pred"), options.columns().get("pred"));
        Setup setup = new Setup(plan, options, bindings, classIndex, source.name());

        RowSink rows = options.rows() != null && plan.reduction() == Reduction.NONE
                && setup.evaluators.stream().allMatch(e -> e.shape() == PerSampleLoss.class) ? options.rows() : null;
        if (rows != null) {
            setup.streaming();
        }
        List<Segment> segments = null;
        if (chunks != null && rows == null && setup.evaluators.stream().noneMatch(e -> e.shape() == BatchLoss.class)) {
            segments = readInParallel(setup, chunks);
        }
        if (segments == null) {
            Segment all = new Segment(setup, reading);
            if (rows != null) {
                all.pass.rows = rows;
                rows.begin();
            }
            all.read(first);
            if (all.reading.failure != null) {
                throw all.reading.failure;
            }
            segments = List.of(all);
        }
        Segment whole = segments.get(0);
        for (Segment s : segments.subList(1, segments.size())) {
            whole.append(s);
        }
        Pass pass = whole.pass;
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.losses().size(); i++) {
            ScorePlan.Planned p = plan.losses().get(i);
            LossState state = whole.states.states().get(i);
            LossResult r;
            pass.enter(i);
            try {
                r = state.finish();
            } catch (BatchSampleException e) {
                throw Pass.located(e, source.name());
            } catch (InputError | UsageError e) {
                throw e;
            } catch (RuntimeException | VirtualMachineError e) {
                throw LossFailure.of(p.entry(), e);
            }
            pass.enter(-1);
            String id = p.descriptor().id();
            outcomes.add(new Outcome(id, plan.reduction(), r.value(), r.values(), r.count(), p.params().effective(),
                    r.details()));
            Map<String, Long> reported = new LinkedHashMap<>(state.warnings());
            if (pass.infiniteNaN[i] > 0) {
                reported.merge(INFINITE_NAN, pass.infiniteNaN[i], Long::sum);
            }
            if (Double.isNaN(r.value()) && plan.reduction() != Reduction.NONE && pass.sawInfinity[i]) {
                reported.merge(INFINITE_NAN, 1L, Long::sum);
            }
            reported.forEach((message, count) ->
                    warnings.add(prefixed(id, message) + (count > 1 ? " (" + count + " times)" : "")));
            if (pass.probabilities[i] && r.count() > 0) {
                warnings.add(prefixed(id, "every pred lies in [0, 1] (and every vector sums to 1), as probabilities do, "
                        + "but " + id + " reads pred as logits by default; for probabilities give -P input=probs"));
            }
        }
        Reading all = whole.reading;
        return new Report(List.copyOf(outcomes), all.records, all.skipped,
                all.firstSkipped == null ? null : all.firstSkipped.getMessage(), List.copyOf(warnings));
    }

    private static final String INFINITE_NAN = "NaN from infinite inputs (∞ − ∞ and ∞/∞ have no value)";

    /** {@code id: message}, unless the message already starts so (a loss may name itself). */
    private static String prefixed(String id, String message) {
        return message.startsWith(id + ":") ? message : id + ": " + message;
    }

    /**
     * Reads the chunks on their own threads, or returns null when their boundaries turn out not to
     * be record boundaries (a quoted line break), so that the caller reads sequentially.
     */
    private List<Segment> readInParallel(Setup setup, Chunks chunks) throws IOException {
        List<CsvChunks.Chunk> parts = CsvChunks.split(chunks.file(), chunks.header(), chunks.threads());
        if (parts.size() < 2) {
            return null;
        }
        List<Segment> segments = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (CsvChunks.Chunk part : parts) {
            CsvSource source = part.open(chunks.header());
            Segment segment = new Segment(setup, new Reading(source, setup.options.skipInvalid()));
            segments.add(segment);
            Thread t = new Thread(() -> {
                try (source) {
                    segment.read(null);
                } catch (IOException | RuntimeException | Error e) {
                    segment.crash = e;
                }
            }, "losskit-chunk-" + segments.size());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        long lines = chunks.header().headerLines();
        long records = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            CsvSource source = (CsvSource) s.reading.source;
            if (i + 1 < parts.size() && s.reading.failure == null && s.crash == null
                    && source.stoppedAt() != parts.get(i + 1).start()) {
                return null;
            }
            s.shift(lines, records);
            if (s.crash instanceof IOException e) {
                throw e;
            }
            if (s.crash instanceof RuntimeException e) {
                throw e;
            }
            if (s.crash instanceof Error e) {
                throw e;
            }
            if (s.reading.failure != null) {
                throw s.reading.failure;
            }
            lines += source.linesRead();
            records += s.reading.records;
        }
        return segments;
    }

    /** Where the input can be cut for reading on several threads (a plain CSV/TSV file). */
    public record Chunks(java.nio.file.Path file, CsvSource header, int threads) {
    }

    /** What every segment of a run shares: the plan, the bindings and each loss's evaluator. */
    private static final class Setup {
        final List<ScorePlan.Planned> losses;
        final Options options;
        final Map<String, RoleBinding> bindings;
        final Map<String, Integer> classIndex;
        final List<Evaluator> evaluators = new ArrayList<>();

        Setup(ScorePlan plan, Options options, Map<String, RoleBinding> bindings, Map<String, Integer> classIndex,
              String file) {
            this.losses = plan.losses();
            this.options = options;
            this.bindings = bindings;
            this.classIndex = classIndex;
            for (ScorePlan.Planned p : plan.losses()) {
                evaluators.add(evaluator(p, bindings, plan.reduction(), options.batchSize(), file));
            }
        }

        /** Per-sample values go to a {@link RowSink} as they come: the states keep none. */
        void streaming() {
            evaluators.replaceAll(Evaluator::streaming);
        }

        /**
         * Fresh states of every selected loss, each with its own loss instance (one set per thread).
         *
         * @param calls told which loss is being called (see {@link LossStates})
         */
        LossStates states(java.util.function.IntConsumer calls) {
            List<LossState> states = new ArrayList<>();
            for (int i = 0; i < evaluators.size(); i++) {
                try {
                    states.add(evaluators.get(i).newState());
                } catch (RuntimeException | VirtualMachineError e) {
                    throw LossFailure.of(losses.get(i).entry(), e);
                }
            }
            // Batch losses keep the samples of their batch; the engine's sample moves on with the source.
            return new LossStates(states, s -> ((BoundSample) s).freeze(), calls);
        }

        BoundSample sample() {
            return new BoundSample(bindings, List.copyOf(classIndex.keySet()), classIndex);
        }
    }

    /**
     * Reads records from a source, past the invalid ones that {@code --on-invalid skip} allows,
     * counting records (skipped ones included) and keeping the first skipped and the failing error.
     */
    private static final class Reading {
        final RecordSource source;
        final boolean skipInvalid;
        long records;
        long skipped;
        InputError firstSkipped;
        InputError failure;

        Reading(RecordSource source, boolean skipInvalid) {
            this.source = source;
            this.skipInvalid = skipInvalid;
        }

        /** The next valid record, or null at the end or after a failure. */
        Record next() throws IOException {
            while (failure == null) {
                try {
                    Record r = source.next();
                    if (r != null) {
                        records++;
                    }
                    return r;
                } catch (InputError e) {
                    records++;
                    problem(e);
                }
            }
            return null;
        }

        /** Skips the current record for {@code e}, or records {@code e} as the failure. */
        void problem(InputError e) {
            if (!skipInvalid || !e.recoverable()) {
                failure = e;
                return;
            }
            skipped++;
            firstSkipped = firstSkipped == null ? e : firstSkipped;
        }
    }

    /** One sequential read of a source (the whole input, or one chunk of it) into its own states. */
    private final class Segment {
        final Reading reading;
        final LossStates states;
        final Pass pass;
        Throwable crash;

        Segment(Setup setup, Reading reading) {
            this.reading = reading;
            this.pass = new Pass(reading.source, setup);
            this.states = pass.states;
            passes.add(pass);
        }

        /** Reads to the end (starting with {@code first}, already read, if given); stops at the first failure. */
        void read(Record first) throws IOException {
            Record record = first != null ? first : reading.next();
            while (record != null) {
                if ((reading.records & 4095) == 0) {
                    progress.add(4096);
                }
                try {
                    pass.feed(record);
                } catch (InputError e) {
                    reading.problem(e);
                }
                record = reading.next();
            }
        }

        /** Renumbers this chunk's messages as if it started after {@code lines} lines and {@code before} records. */
        void shift(long lines, long before) {
            reading.failure = reading.failure == null ? null : reading.failure.shifted(lines, before);
            reading.firstSkipped = reading.firstSkipped == null ? null : reading.firstSkipped.shifted(lines, before);
        }

        /** Folds {@code later}, the segment after this one, into this one. */
        void append(Segment later) {
            try {
                states.merge(later.states);
            } catch (RuntimeException | VirtualMachineError e) {
                throw pass.blame(e);
            }
            pass.merge(later.pass);
            reading.records += later.reading.records;
            reading.skipped += later.reading.skipped;
            reading.firstSkipped = reading.firstSkipped != null ? reading.firstSkipped : later.reading.firstSkipped;
        }
    }

    private static Evaluator evaluator(ScorePlan.Planned p, Map<String, RoleBinding> bindings, Reduction reduction,
                                       int batchSize, String file) {
        LossDescriptor d = p.descriptor();
        Set<String> present = new HashSet<>();
        for (RoleSpec r : d.roles()) {
            if (bindings.containsKey(r.name())) {
                present.add(r.name());
            }
        }
        try {
            return Evaluator.of(p.entry().definition(), p.params(), present, reduction, batchSize);
        } catch (InvalidInputException e) {
            throw InputError.inFile(file, prefixed(d.id(), e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UsageError(prefixed(d.id(), e.getMessage()));
        } catch (RuntimeException | VirtualMachineError e) {
            throw LossFailure.of(p.entry(), e);
        }
    }

    /** The state of one pass: the current sample, how to locate problems in it, and the loss being called. */
    private static final class Pass {
        private final RecordSource source;
        private final Map<String, RoleBinding> bindings;
        private final BoundSample sample;
        final List<ScorePlan.Planned> losses;
        final LossStates states;
        private final RoleBinding weight;
        private final List<RoleBinding> required = new ArrayList<>();
        private final boolean watched;
        private final boolean[] perSample;
        private final double[] values;
        RowSink rows;
        /** Per loss: whether every pred so far looked like probabilities (only ever true for a loss that reads logits by default). */
        final boolean[] probabilities;
        /** Per loss: whether an input was infinite (for a loss whose reduced NaN it may explain). */
        final boolean[] sawInfinity;
        /** Per loss: how many per-sample NaNs came from infinite inputs. */
        final long[] infiniteNaN;
        /** The loss being called (its index), or -1. */
        private int in = -1;
        /** The same, and a count of calls, when watched (written here, read by {@link #busy()}). */
        volatile int busy = -1;
        volatile long calls;

        Pass(RecordSource source, Setup setup) {
            this.source = source;
            this.bindings = setup.bindings;
            this.sample = setup.sample();
            this.losses = setup.losses;
            this.weight = setup.bindings.get(LossDescriptor.WEIGHT);
            this.watched = setup.options.watched();
            this.states = setup.states(this::enter);
            int n = losses.size();
            this.perSample = new boolean[n];
            this.values = new double[n];
            this.probabilities = new boolean[n];
            this.sawInfinity = new boolean[n];
            this.infiniteNaN = new long[n];
            for (int i = 0; i < n; i++) {
                perSample[i] = setup.evaluators.get(i).shape() == PerSampleLoss.class;
                ScorePlan.Planned p = losses.get(i);
                io.losskit.spi.ParamSpec<?> input = p.descriptor().param("input");
                probabilities[i] = input != null && "logits".equals(input.defaultValue())
                        && "logits".equals(String.valueOf(p.params().effective().get("input")));
            }
            for (RoleBinding b : bindings.values()) {
                if (b.required()) {
                    required.add(b);
                }
            }
        }

        /** Loss {@code i} is being called now (-1: none is). */
        void enter(int i) {
            in = i;
            if (watched) {
                busy = i;
                if (i >= 0) {
                    calls++;
                }
            }
        }

        /** What to throw for {@code e}: a failure of the loss being called, if one is. */
        RuntimeException blame(Throwable e) {
            int i = in;
            enter(-1);
            if (i >= 0) {
                return LossFailure.of(losses.get(i).entry(), e);
            }
            if (e instanceof Error error) {
                throw error;
            }
            return (RuntimeException) e;
        }

        void feed(Record record) {
            sample.reset(record);
            try {
                for (RoleBinding b : required) {
                    if (!sample.has(b.role())) {
                        throw new InvalidSampleException(b.role(), "no value");
                    }
                }
                sample.validate();
                double w = weight != null && sample.has(LossDescriptor.WEIGHT) ? sample.number(LossDescriptor.WEIGHT) : 1.0;
                states.add(sample, w);
            } catch (InvalidSampleException e) {
                enter(-1);
                throw locate(e, record);
            } catch (BatchSampleException e) {
                enter(-1);
                throw located(e, source.name());
            } catch (InputError | UsageError e) {
                enter(-1);
                throw e;
            } catch (RuntimeException | VirtualMachineError e) {
                throw blame(e);
            }
            for (int i = 0; i < values.length; i++) {
                if (perSample[i]) {
                    values[i] = states.value(i);
                    if (Double.isNaN(values[i]) && sample.readInfinity()) {
                        infiniteNaN[i]++;
                    }
                } else if (!sawInfinity[i]) {
                    sawInfinity[i] = sample.readInfinity();
                }
                if (probabilities[i]) {
                    probabilities[i] = probabilities(sample);
                }
            }
            if (rows != null) {
                rows.row(record, values);
            }
        }

        /** Folds in what {@code later}, the pass over the records after this one's, saw. */
        void merge(Pass later) {
            for (int i = 0; i < values.length; i++) {
                probabilities[i] &= later.probabilities[i];
                sawInfinity[i] |= later.sawInfinity[i];
                infiniteNaN[i] += later.infiniteNaN[i];
            }
        }

        /** Whether the pred looks like probabilities: in [0, 1], and a vector sums to 1. */
        private static boolean probabilities(BoundSample s) {
            if (!s.has("pred")) {
                return false;
            }
            if (!s.isVector("pred")) {
                double p = s.number("pred");
                return p >= 0 && p <= 1;
            }
            CompensatedSum sum = new CompensatedSum();
            for (double p : s.vector("pred")) {
                if (!(p >= 0 && p <= 1)) {
                    return false;
                }
                sum.add(p);
            }
            return Math.abs(sum.value() - 1) <= 1e-6;
        }

        InputError locate(InvalidSampleException e, Record record) {
            RoleBinding b = bindings.get(e.role());
            String column = b == null ? e.role() : b.display();
            String file = b == null ? source.name() : source.fileOf(b.columns()[0]);
            return new InputError(file, record.line(), record.number(), column, e.getMessage());
        }

        /** A sample of a batch, refused when the batch was evaluated: the batch is gone, so no skipping. */
        static InputError located(BatchSampleException e, String file) {
            Record at = ((BoundSample) e.sample()).record();
            return new InputError(file, at.line(), at.number(), e.getCause().role(), e.getMessage()).unrecoverable();
        }
    }
}
