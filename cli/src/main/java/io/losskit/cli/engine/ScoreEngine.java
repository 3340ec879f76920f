package io.losskit.cli.engine;

import io.losskit.cli.InputError;
import io.losskit.cli.UsageError;
import io.losskit.cli.input.CsvChunks;
import io.losskit.cli.input.CsvSource;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidInputException;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
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
            Run r = p.busy;
            if (r != null) {
                busy.add(new Busy(r.planned.entry(), i, p.calls));
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

        List<Run> runs = setup.runs();
        RowSink rows = options.rows() != null && plan.reduction() == Reduction.NONE
                && runs.stream().allMatch(PerSampleRun.class::isInstance) ? options.rows() : null;
        List<Segment> segments = null;
        if (chunks != null && rows == null && runs.stream().noneMatch(BatchRun.class::isInstance)) {
            segments = readInParallel(setup, chunks);
        }
        if (segments == null) {
            Segment all = new Segment(setup, reading, runs);
            if (rows != null) {
                runs.forEach(r -> ((PerSampleRun) r).values = null);
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
        List<Outcome> outcomes = new ArrayList<>();
        for (Run r : whole.runs) {
            Outcome o;
            whole.pass.enter(r);
            try {
                o = r.finish();
            } catch (InputError | UsageError e) {
                throw e;
            } catch (RuntimeException | VirtualMachineError e) {
                throw LossFailure.of(r.planned.entry(), e);
            }
            whole.pass.leave();
            outcomes.add(o);
            if (Double.isNaN(o.value()) && o.reduction() != Reduction.NONE && r.sawInfinity) {
                r.tally.warn(INFINITE_NAN);
            }
            r.tally.warnings().forEach((message, count) ->
                    warnings.add(prefixed(r.id(), message) + (count > 1 ? " (" + count + " times)" : "")));
            if (r.probabilities && o.count() > 0) {
                warnings.add(prefixed(r.id(), "every pred lies in [0, 1] (and every vector sums to 1), as probabilities do, "
                        + "but " + r.id() + " reads pred as logits by default; for probabilities give -P input=probs"));
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
            Segment segment = new Segment(setup, new Reading(source, setup.options.skipInvalid()), setup.runs());
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

    /** What every segment of a run shares: the plan, the bindings and how to make loss instances. */
    private final class Setup {
        final ScorePlan plan;
        final Options options;
        final Map<String, RoleBinding> bindings;
        final Map<String, Integer> classIndex;
        final String file;

        Setup(ScorePlan plan, Options options, Map<String, RoleBinding> bindings, Map<String, Integer> classIndex,
              String file) {
            this.plan = plan;
            this.options = options;
            this.bindings = bindings;
            this.classIndex = classIndex;
            this.file = file;
        }

        /** A fresh instance of every selected loss (one set per thread). */
        List<Run> runs() {
            List<Run> runs = new ArrayList<>();
            for (ScorePlan.Planned p : plan.losses()) {
                runs.add(start(p, bindings, plan.reduction(), options, file));
            }
            return runs;
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

    /** One sequential read of a source (the whole input, or one chunk of it) into its own runs. */
    private final class Segment {
        final Reading reading;
        final List<Run> runs;
        final Pass pass;
        Throwable crash;

        Segment(Setup setup, Reading reading, List<Run> runs) {
            this.reading = reading;
            this.runs = runs;
            this.pass = new Pass(reading.source, setup.bindings, setup.sample(), runs, setup.bindings.get(LossDescriptor.WEIGHT),
                    setup.options.watched());
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
            for (int i = 0; i < runs.size(); i++) {
                try {
                    runs.get(i).merge(later.runs.get(i));
                } catch (RuntimeException | VirtualMachineError e) {
                    throw LossFailure.of(runs.get(i).planned.entry(), e);
                }
            }
            reading.records += later.reading.records;
            reading.skipped += later.reading.skipped;
            reading.firstSkipped = reading.firstSkipped != null ? reading.firstSkipped : later.reading.firstSkipped;
        }
    }

    private static Run start(ScorePlan.Planned p, Map<String, RoleBinding> bindings, Reduction reduction,
                             Options options, String file) {
        LossDescriptor d = p.descriptor();
        Set<String> present = new HashSet<>();
        for (RoleSpec r : d.roles()) {
            if (bindings.containsKey(r.name())) {
                present.add(r.name());
            }
        }
        Loss loss;
        Accumulator accumulator = null;
        try {
            loss = p.entry().definition().create(p.params(), Set.copyOf(present));
            if (loss instanceof AggregateLoss l) {
                accumulator = l.newAccumulator(reduction);
            }
        } catch (InvalidInputException e) {
            throw InputError.inFile(file, prefixed(d.id(), e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UsageError(prefixed(d.id(), e.getMessage()));
        } catch (RuntimeException | VirtualMachineError e) {
            throw LossFailure.of(p.entry(), e);
        }
        EngineTally tally = new EngineTally(d.details());
        if (loss instanceof PerSampleLoss l) {
            return new PerSampleRun(p, reduction, tally, l);
        }
        if (accumulator != null) {
            return new AggregateRun(p, reduction, tally, accumulator);
        }
        if (reduction == Reduction.NONE) {
            throw new UsageError(d.id() + " over labelled embeddings gives one value per batch: --reduction none "
                    + "is not supported in this shape (use mean or sum)");
        }
        return new BatchRun(p, reduction, tally, (BatchLoss) loss, options.batchSize(), file);
    }

    /** The state of one pass: the current sample and how to locate problems in it. */
    private static final class Pass {
        private final RecordSource source;
        private final Map<String, RoleBinding> bindings;
        private final BoundSample sample;
        private final List<Run> runs;
        private final RoleBinding weight;
        private final List<RoleBinding> required = new ArrayList<>();
        private final double[] pending;
        private final boolean watched;
        RowSink rows;
        /** The run in a call now, and a count of calls, when watched (written here, read by {@link #busy()}). */
        volatile Run busy;
        volatile long calls;

        Pass(RecordSource source, Map<String, RoleBinding> bindings, BoundSample sample, List<Run> runs, RoleBinding weight,
             boolean watched) {
            this.source = source;
            this.bindings = bindings;
            this.sample = sample;
            this.runs = runs;
            this.weight = weight;
            this.watched = watched;
            this.pending = new double[runs.size()];
            for (RoleBinding b : bindings.values()) {
                if (b.required()) {
                    required.add(b);
                }
            }
        }

        void enter(Run r) {
            if (watched) {
                busy = r;
                calls++;
            }
        }

        void leave() {
            if (watched) {
                busy = null;
            }
        }

        void feed(Record record) {
            sample.reset(record);
            Run in = null;
            try {
                for (RoleBinding b : required) {
                    if (!sample.has(b.role())) {
                        throw new InvalidSampleException(b.role(), "no value");
                    }
                }
                sample.validate();
                double w = weight != null && sample.has(LossDescriptor.WEIGHT) ? sample.number(LossDescriptor.WEIGHT) : 1.0;
                for (int i = 0; i < runs.size(); i++) {
                    in = runs.get(i);
                    enter(in);
                    pending[i] = in.compute(sample);
                }
                // Accumulators may still refuse the sample; per-sample values, worked out above,
                // cannot. So the per-sample runs keep a record only once every other run has.
                for (int i = 0; i < runs.size(); i++) {
                    if (!(runs.get(i) instanceof PerSampleRun)) {
                        in = runs.get(i);
                        enter(in);
                        in.commit(sample, pending[i], in.weighted ? w : 1.0);
                    }
                }
                in = null;
                leave();
                for (int i = 0; i < runs.size(); i++) {
                    Run r = runs.get(i);
                    if (r instanceof PerSampleRun) {
                        r.commit(sample, pending[i], r.weighted ? w : 1.0);
                        if (Double.isNaN(pending[i]) && sample.readInfinity()) {
                            r.tally.warn(INFINITE_NAN);
                        }
                    } else if (!r.sawInfinity) {
                        r.sawInfinity = sample.readInfinity();
                    }
                    if (r.probabilities) {
                        r.probabilities = probabilities(sample);
                    }
                }
            } catch (InvalidSampleException e) {
                throw locate(e, record);
            } catch (InputError | UsageError e) {
                throw e;
            } catch (RuntimeException | VirtualMachineError e) {
                if (in == null) {
                    throw e;
                }
                throw LossFailure.of(in.planned.entry(), e);
            }
            if (rows != null) {
                rows.row(record, pending);
            }
        }

        /** Whether the pred looks like probabilities: in [0, 1], and a vector sums to 1. */
        private boolean probabilities(BoundSample s) {
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
    }

    /** A selected loss being fed. */
    private abstract static class Run {
        final ScorePlan.Planned planned;
        final Reduction reduction;
        final EngineTally tally;
        /** Whether the loss takes the sample weight; a loss that does not sees weight 1. */
        final boolean weighted;
        /** Whether every pred so far looked like probabilities; only ever true for a loss that reads logits by default. */
        boolean probabilities;
        /** Whether an input was infinite (for an aggregate loss, whose NaN it may explain). */
        boolean sawInfinity;

        Run(ScorePlan.Planned planned, Reduction reduction, EngineTally tally) {
            this.planned = planned;
            this.reduction = reduction;
            this.tally = tally;
            this.weighted = planned.descriptor().takesWeight();
            io.losskit.spi.ParamSpec<?> input = planned.descriptor().param("input");
            this.probabilities = input != null && "logits".equals(input.defaultValue())
                    && "logits".equals(String.valueOf(planned.params().effective().get("input")));
        }

        String id() {
            return planned.descriptor().id();
        }

        /** Works out what the sample contributes, without keeping it (so a later failure can skip the record). */
        double compute(Sample sample) {
            return 0;
        }

        abstract void commit(BoundSample sample, double value, double weight);

        abstract Outcome finish();

        /** Folds in {@code later}, the same loss fed with the records after this one's. */
        void merge(Run later) {
            tally.merge(later.tally);
            probabilities &= later.probabilities;
            sawInfinity |= later.sawInfinity;
        }

        Outcome outcome(double value, double[] values, long count, Map<String, Long> details) {
            Map<String, Long> all = new LinkedHashMap<>(tally.details());
            details.forEach((k, v) -> all.merge(k, v, Long::sum));
            return new Outcome(id(), reduction, value, values, count, planned.params().effective(), all);
        }
    }

    private static final class PerSampleRun extends Run {
        private final PerSampleLoss loss;
        private final CompensatedSum weighted = new CompensatedSum();
        private final CompensatedSum weights = new CompensatedSum();
        /** The values kept for {@code none}; null for other reductions and when they go to a {@link RowSink}. */
        DoubleList values;
        private long count;

        PerSampleRun(ScorePlan.Planned planned, Reduction reduction, EngineTally tally, PerSampleLoss loss) {
            super(planned, reduction, tally);
            this.loss = loss;
            this.values = reduction == Reduction.NONE ? new DoubleList() : null;
        }

        @Override
        double compute(Sample sample) {
            return loss.loss(sample, tally);
        }

        @Override
        void commit(BoundSample sample, double value, double weight) {
            count++;
            if (values != null) {
                values.add(value);
            } else {
                // w·ℓ with w = 0 and ℓ = ∞ is a sample that does not count, not NaN
                weighted.add(weight == 0 ? 0 : weight * value);
                weights.add(weight);
            }
        }

        @Override
        void merge(Run later) {
            super.merge(later);
            PerSampleRun other = (PerSampleRun) later;
            weighted.add(other.weighted);
            weights.add(other.weights);
            count += other.count;
            if (values != null) {
                values.addAll(other.values);
            }
        }

        @Override
        Outcome finish() {
            return switch (reduction) {
                case NONE -> outcome(Double.NaN, values == null ? null : values.toArray(), count, Map.of());
                case SUM -> outcome(weighted.value(), null, count, Map.of());
                case MEAN -> outcome(weighted.value() / weights.value(), null, count, Map.of());
            };
        }
    }

    private static final class AggregateRun extends Run {
        private final Accumulator accumulator;

        AggregateRun(ScorePlan.Planned planned, Reduction reduction, EngineTally tally, Accumulator accumulator) {
            super(planned, reduction, tally);
            this.accumulator = accumulator;
        }

        @Override
        void commit(BoundSample sample, double value, double weight) {
            accumulator.add(sample, weight, tally);
        }

        @Override
        void merge(Run later) {
            super.merge(later);
            accumulator.merge(((AggregateRun) later).accumulator);
        }

        @Override
        Outcome finish() {
            LossResult r = accumulator.finish();
            return outcome(r.value(), r.values(), r.count(), r.details());
        }
    }

    private static final class BatchRun extends Run {
        private final BatchLoss loss;
        private final int batchSize;
        private final String file;
        private final List<BoundSample> batch = new ArrayList<>();
        private final CompensatedSum sum = new CompensatedSum();
        private long terms;
        private long batches;
        private long emptyBatches;

        BatchRun(ScorePlan.Planned planned, Reduction reduction, EngineTally tally, BatchLoss loss, int batchSize,
                 String file) {
            super(planned, reduction, tally);
            this.loss = loss;
            this.batchSize = batchSize;
            this.file = file;
        }

        @Override
        void commit(BoundSample sample, double value, double weight) {
            batch.add(sample.freeze());
            if (batchSize > 0 && batch.size() == batchSize) {
                flush();
            }
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            BatchLoss.BatchValue v;
            try {
                v = loss.evaluate(List.copyOf(batch), tally);
            } catch (InvalidSampleException e) {
                int i = e.batchIndex();
                BoundSample at = i >= 0 && i < batch.size() ? batch.get(i) : batch.get(0);
                throw new InputError(file, at.record().line(), at.record().number(), e.role(), e.getMessage())
                        .unrecoverable();
            }
            batches++;
            if (v.terms() > 0) {
                sum.add(v.sum());
                terms += v.terms();
            } else {
                emptyBatches++;
            }
            batch.clear();
        }

        @Override
        void merge(Run later) {
            throw new UnsupportedOperationException("batch losses read the input in one pass");
        }

        @Override
        Outcome finish() {
            flush();
            if (emptyBatches > 0) {
                tally.warn(emptyBatches + " of " + batches + " batch(es) had no valid term and were left out");
            }
            double value = reduction == Reduction.SUM ? sum.value() : sum.value() / terms;
            return outcome(value, null, terms, Map.of());
        }
    }
}
