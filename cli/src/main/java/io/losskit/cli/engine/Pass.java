package io.losskit.cli.engine;

import io.losskit.builtin.align.Aligner;
import io.losskit.cli.bind.BoundSample;
import io.losskit.cli.bind.ColumnSample;
import io.losskit.cli.bind.Locator;
import io.losskit.cli.bind.RoleBinding;
import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.input.ColumnBatch;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.NumberBatches;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.UsageError;
import io.losskit.core.BatchSampleException;
import io.losskit.core.LossStates;
import io.losskit.core.stats.BootstrapStates;
import io.losskit.core.stats.WorstCases;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;

/**
 * One sequential read of a source (the whole input, or one part of it) into states of its own:
 * each record bound to a sample, checked and added to every loss's state, with what the warnings
 * need to know (infinite inputs, preds that look like probabilities) and the loss being called.
 * When the plan allows it ({@link Setup#columnar}) and the source can ({@link NumberBatches}), the
 * rows of plain numbers come in batches of arrays instead and skip the per-record binding and
 * checks; every other row still goes through the records, so results, errors and skips are the same.
 */
final class Pass {
    final Reading reading;
    final LossStates states;
    final List<ScorePlan.Planned> losses;
    private final BoundSample sample;
    /** The sample of the columnar path, when the plan allows it; else null. */
    private final ColumnSample columns;
    /** Whether this pass read its source by columns. */
    boolean byColumns;
    private final Locator locator;
    private final RoleBinding weight;
    private final List<RoleBinding> required = new ArrayList<>();
    private final boolean watched;
    private final boolean[] perSample;
    private final double[] values;
    ScoreEngine.RowSink rows;
    /** Per loss: whether every pred so far looked like probabilities (only ever true for a loss that reads logits by default). */
    final boolean[] probabilities;
    /** Per loss: whether an input was infinite (for a loss whose reduced NaN it may explain). */
    final boolean[] sawInfinity;
    /** Per loss: how many per-sample NaNs came from infinite inputs. */
    final long[] infiniteNaN;
    /** The loss being called (its index), or -1. */
    private int in = -1;
    /** The same, and a count of calls, when watched (written here, read by {@link ScoreEngine#busy()}). */
    volatile int busy = -1;
    volatile long calls;
    /** What ended a read on a thread of its own, to be thrown on the caller's. */
    Throwable crash;
    /** The states of each slice of {@code --by}, or null. */
    final Slices slices;
    /** The bootstrap of {@code --ci} (whose point states are {@link #states}), or null. */
    final BootstrapStates boot;
    /** Whether the input may be read in parts ({@link Setup#splittable}), which changes a record's key. */
    private final boolean splittable;
    /** The keys before this pass's part (a part numbers its lines and records from 1); 0 for a whole input. */
    long keyOffset;
    /** Under {@code --worst}: per loss with per-sample values, its worst records so far (else null entries). */
    final WorstCases<Located>[] worst;
    /**
     * Under {@code --worst}, per loss of the edit-distance family, its aligner (else null
     * entries): the per-utterance values of wer, cer, mer and wil, and the alignments of {@code --align}.
     */
    final Aligner[] aligners;
    /** Whether the worst records of the edit-distance family keep their samples, to be aligned at the end. */
    private final boolean align;
    /** The {@code --id} columns, or null. */
    private final SliceColumns ids;
    /** Under {@code --reduction none} (values kept in the states): each value's record's line and ids, else null. */
    final Kept kept;

    /**
     * Where a record is: its line (or record number) and the text of its {@code --id} columns;
     * under {@code --align}, for the edit-distance family, its sample (frozen), else null.
     */
    record Located(long line, String[] ids, Sample sample) {
    }

    /** The lines and ids of the records whose values the states keep, in their order. */
    static final class Kept {
        private long[] lines = new long[64];
        private int size;
        final List<String[]> ids = new ArrayList<>();

        void add(long line, String[] id) {
            if (size == lines.length) {
                lines = java.util.Arrays.copyOf(lines, 2 * size);
            }
            lines[size++] = line;
            ids.add(id);
        }

        void append(Kept later) {
            for (int i = 0; i < later.size; i++) {
                add(later.lines[i], later.ids.get(i));
            }
        }

        long[] lines() {
            return java.util.Arrays.copyOf(lines, size);
        }
    }

    /** Which selected losses are batch losses, in plan order. */
    final boolean[] batch;
    /** Whether a batch loss computes batches of {@code --batch-size} as the records come (then read on one thread). */
    private final boolean batches;

    Pass(Reading reading, Setup setup) {
        this.batch = new boolean[setup.evaluators.size()];
        boolean any = false;
        for (int i = 0; i < batch.length; i++) {
            batch[i] = setup.evaluators.get(i).shape() == io.losskit.spi.BatchLoss.class;
            any |= batch[i];
        }
        this.batches = any && setup.options.batchSize() > 0;
        this.reading = reading;
        this.sample = setup.sample();
        this.columns = setup.columnar();
        this.locator = new Locator(reading.source, setup.bindings);
        this.losses = setup.losses;
        this.weight = setup.bindings.get(LossDescriptor.WEIGHT);
        this.watched = setup.options.watched();
        this.boot = setup.options.bootstrap() == null ? null : setup.bootstrap(entering);
        this.states = boot != null ? boot.pointStates() : setup.states(entering);
        this.splittable = setup.splittable;
        this.ids = setup.ids == null ? null : setup.ids.copy(reading.source);
        this.kept = setup.keepsLines() ? new Kept() : null;
        @SuppressWarnings("unchecked")
        WorstCases<Located>[] w = setup.options.worst() > 0 ? new WorstCases[losses.size()] : null;
        this.worst = w;
        this.slices = setup.by == null ? null : new Slices(setup.by.copy(reading.source), setup, entering);
        int n = losses.size();
        this.perSample = new boolean[n];
        this.values = new double[n];
        this.probabilities = new boolean[n];
        this.sawInfinity = new boolean[n];
        this.infiniteNaN = new long[n];
        this.aligners = new Aligner[n];
        this.align = setup.options.align();
        for (int i = 0; i < n; i++) {
            perSample[i] = setup.evaluators.get(i).shape() == PerSampleLoss.class;
            aligners[i] = setup.aligner(i);
            if (worst != null && (perSample[i] || aligners[i] != null)) {
                worst[i] = new WorstCases<>(setup.options.worst());
            }
            ScorePlan.Planned p = losses.get(i);
            ParamSpec<?> input = p.descriptor().param("input");
            probabilities[i] = input != null && "logits".equals(input.defaultValue())
                    && "logits".equals(String.valueOf(p.params().effective().get("input")));
        }
        for (RoleBinding b : setup.bindings.values()) {
            if (b.required()) {
                required.add(b);
            }
        }
    }

    /** Reads to the end (starting with {@code first}, already read, if given); stops at the first failure. */
    void read(Record first, ReadCount progress) throws IOException {
        if (columns != null && reading.source instanceof NumberBatches batches && batches.batches(columns.columns(), slices != null)) {
            byColumns = true;
            readColumns(first, batches, progress);
            return;
        }
        Record record = first != null ? first : reading.next();
        while (record != null) {
            if (batches) {
                progress.at(reading.records);   // before the record that completes a batch computes it
            } else if ((reading.records & (ReadCount.STEP - 1)) == 0) {
                progress.step();
            }
            try {
                feed(record);
            } catch (InputError e) {
                reading.problem(e);
            }
            record = reading.next();
        }
    }

    /** Under {@code --by} on the columnar path: the slice of each row of the current batch. */
    private int[] sliceIds;

    /** Rows per batch of the columnar path: large enough that a batch's set-up does not count, small enough to stay in cache. */
    private static final int BATCH = 8192;

    /** {@link #read} by columns: batches of rows, and between them the rows that the source leaves to records. */
    private void readColumns(Record first, NumberBatches source, ReadCount progress) throws IOException {
        ColumnBatch batch = new ColumnBatch(columns.columns(), columns.integral(), BATCH, slices == null ? -1 : slices.keyColumn());
        sliceIds = slices == null ? null : new int[BATCH];
        columns.batch(batch);
        int w = weight == null ? -1 : columns.position(LossDescriptor.WEIGHT);
        Record record = first;
        long counted = reading.records;   // records the progress count has been told of, in steps
        while (reading.failure == null) {
            for (; reading.records - counted >= ReadCount.STEP; counted += ReadCount.STEP) {
                progress.step();
            }
            if (record != null) {
                try {
                    feed(record);
                } catch (InputError e) {
                    reading.problem(e);
                }
            }
            int n = reading.batch(source, batch);
            if (n > 0) {
                if (slices != null) {
                    slices.slices(batch, sliceIds);
                }
                feed(batch, w < 0 ? null : batch.values[w]);
                record = null;
            } else if ((record = reading.next()) == null) {
                return;
            }
        }
    }

    /**
     * The rows of {@code batch} into the states, as {@link #feed(Record)} adds a record whose roles
     * are finite numbers (nothing to check, no infinity to note): a loss at a time when every loss
     * takes columns ({@link LossStates#addAll}), else in order, one sample at a time.
     */
    private void feed(ColumnBatch batch, double[] weights) {
        if (states.takesColumns()) {
            feedColumns(batch, weights);
            return;
        }
        for (int i = 0; i < batch.size; i++) {
            columns.row(i);
            InputError problem = null;
            try {
                double w = weights == null ? 1.0 : weights[i];
                states.add(columns, w);
                if (slices != null) {
                    slices.add(sliceIds[i], states, columns, w, 0);
                }
            } catch (InvalidSampleException e) {
                problem = locator.locate(e, batch.located(i));
            } catch (InputError e) {
                problem = e;
            } catch (UsageError e) {
                enter(-1);
                throw e;
            } catch (RuntimeException | VirtualMachineError e) {
                throw blame(e);
            }
            if (problem != null) {
                enter(-1);
                reading.problem(problem);
                if (reading.failure != null) {
                    return;
                }
                continue;
            }
            noteProbabilities(columns);
        }
    }

    /** {@link #feed(ColumnBatch, double[])} a loss at a time; refused rows are reported in row order. */
    private void feedColumns(ColumnBatch batch, double[] weights) {
        boolean[] refused = slices != null || anyProbabilities() ? new boolean[batch.size] : null;
        try {
            states.addAll(columns, weights, new Refusals(batch, refused));
            for (int i = 0; slices != null && i < batch.size; i++) {
                if (!refused[i]) {
                    slices.addRow(sliceIds[i], states, columns, i, weights == null ? 1.0 : weights[i]);
                }
            }
        } catch (UsageError e) {
            enter(-1);
            throw e;
        } catch (RuntimeException | VirtualMachineError e) {
            throw blame(e);
        }
        for (int i = 0; i < batch.size && refused != null && anyProbabilities(); i++) {
            if (!refused[i]) {
                noteProbabilities(columns.row(i));
            }
        }
    }

    /**
     * Takes the rows of {@code batch} a loss refused: marked in {@code refused} (when not null),
     * reported as the reading's problems.
     */
    private final class Refusals implements ObjIntConsumer<InvalidSampleException> {
        private final ColumnBatch batch;
        private final boolean[] refused;

        Refusals(ColumnBatch batch, boolean[] refused) {
            this.batch = batch;
            this.refused = refused;
        }

        @Override
        public void accept(InvalidSampleException e, int row) {
            if (refused != null) {
                refused[row] = true;
            }
            if (reading.failure == null) {
                reading.problem(locator.locate(e, batch.located(row)));
            }
        }
    }

    /** Per loss that has seen only preds that look like probabilities: whether {@code s}'s do too. */
    private void noteProbabilities(Sample s) {
        for (int l = 0; l < probabilities.length; l++) {
            if (probabilities[l]) {
                probabilities[l] = probabilities(s);
            }
        }
    }

    /** Whether a loss still sees preds that all looked like probabilities. */
    private boolean anyProbabilities() {
        for (boolean p : probabilities) {
            if (p) {
                return true;
            }
        }
        return false;
    }

    /**
     * The record's key, for the bootstrap: its position in the whole input, which every split
     * agrees on. For an input that may be read in parts, its line when it has one (a CSV record
     * starts a line of its own; a part knows the lines before it, not the records), else its record
     * number, each shifted by the part's {@link #keyOffset}; for any other input its record number
     * (records of a JSON array may share a line).
     */
    private long key(Record record) {
        if (!splittable) {
            return record.number();
        }
        return keyOffset + (record.line() > 0 ? record.line() : record.number());
    }

    /** {@link #enter}, for the states; a class, not a method reference (see {@code Main}). */
    private final IntConsumer entering = new IntConsumer() {
        @Override
        public void accept(int i) {
            enter(i);
        }
    };

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
            return LossFailure.of(losses.get(i).loss(), e);
        }
        if (e instanceof Error error) {
            throw error;
        }
        return (RuntimeException) e;
    }

    private void feed(Record record) {
        sample.reset(record);
        int slice = slices == null ? -1 : slices.slice(record);
        String[] id = ids == null ? NO_IDS : ids.texts(record);
        try {
            for (RoleBinding b : required) {
                if (!sample.has(b.role())) {
                    throw new InvalidSampleException(b.role(), "no value");
                }
            }
            sample.validate();
            double w = weight != null && sample.has(LossDescriptor.WEIGHT) ? sample.number(LossDescriptor.WEIGHT) : 1.0;
            key = key(record);
            if (boot != null) {
                boot.add(key, sample, w);
            } else {
                states.add(sample, w);
            }
            if (slices != null) {
                slices.add(slice, states, sample, w, key);
            }
            for (int i = 0; i < aligners.length; i++) {
                if (aligners[i] != null && !perSample[i]) {
                    enter(i);
                    values[i] = aligners[i].value(sample);   // wer, cer, mer, wil: the utterance's own rate
                    enter(-1);
                }
            }
        } catch (InvalidSampleException e) {
            enter(-1);
            throw locator.locate(e, record);
        } catch (BatchSampleException e) {
            enter(-1);
            throw located(e);
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
        }
        noteProbabilities(sample);
        if (worst != null || kept != null || rows != null) {
            long line = splittable || record.line() <= 0 ? key : record.line();
            if (worst != null) {
                for (int i = 0; i < values.length; i++) {
                    // the key orders equal values as the records come in the whole input
                    if (worst[i] != null && worst[i].accepts(values[i], key)) {
                        // only the records kept so far are frozen: K at a time, whatever the input's length
                        Sample kept = align && aligners[i] != null ? sample.freeze() : null;
                        worst[i].add(values[i], key, new Located(line, id, kept));
                    }
                }
            }
            if (kept != null) {
                kept.add(line, id);
            }
            if (rows != null) {
                rows.row(line, id, values);
            }
        }
    }

    private static final String[] NO_IDS = new String[0];
    /** The key of the record being fed. */
    private long key;

    /**
     * A sample of a batch, refused when the batch was evaluated: located like any other, but the
     * batch is gone, so it cannot be skipped.
     */
    InputError located(BatchSampleException e) {
        return locator.locate(e.getCause(), ((BoundSample) e.sample()).record()).unrecoverable();
    }

    /** Folds {@code later}, the pass over the records after this one's, into this one. */
    void append(Pass later) {
        try {
            if (boot != null) {
                boot.merge(later.boot);
            } else {
                states.merge(later.states);
            }
            if (slices != null) {
                slices.append(later.slices);
            }
            if (worst != null) {
                for (int i = 0; i < worst.length; i++) {
                    if (worst[i] != null) {
                        worst[i].merge(later.worst[i]);
                    }
                }
            }
            if (kept != null) {
                kept.append(later.kept);
            }
        } catch (RuntimeException | VirtualMachineError e) {
            throw blame(e);
        }
        for (int i = 0; i < values.length; i++) {
            probabilities[i] &= later.probabilities[i];
            sawInfinity[i] |= later.sawInfinity[i];
            infiniteNaN[i] += later.infiniteNaN[i];
        }
        reading.append(later.reading);
    }

    /** Whether the pred looks like probabilities: in [0, 1], and a vector sums to 1. */
    private static boolean probabilities(Sample s) {
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
}
