package io.losskit.core;

import io.losskit.spi.Columns;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Sample;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.UnaryOperator;

/**
 * The states of several losses fed the same samples (one pass over an input for every selected
 * loss). A sample that a loss refuses can be skipped: the per-sample losses take a sample only
 * once every other state has, so a refused sample leaves no trace in them (an aggregate state
 * listed before the refusing one keeps it: accumulators cannot give a sample back).
 */
public final class LossStates {

    private final List<LossState> states;
    private final LossState[] array;
    private final double[] prepared;
    /** Per state, {@link LossState#commitCannotFail()} and {@link LossState#keepsSamples()}: asked once, not per sample. */
    private final boolean[] cannotFail;
    private final boolean[] keepsSamples;
    /** Per state, whether {@link #addAlso} takes the value the first states worked out (a per-sample loss that counts no details). */
    private final boolean[] reusesValue;
    private final UnaryOperator<Sample> retain;
    private final IntConsumer calls;
    /** Whether every state takes batches by columns ({@link #addAll}). */
    private final boolean takesColumns;
    /** For {@link #addAll}: per state, the per-sample values of a batch (null for an aggregate state). */
    private final double[][] batchValues;
    /** For {@link #addAll}: per row of a batch, what refused it, or null. */
    private InvalidSampleException[] refusals = new InvalidSampleException[0];

    /**
     * @param states the states, in the order their losses were selected
     * @param retain a copy of a sample that stays valid after the call, for the states that keep
     *     samples (batch losses); the identity when the caller never reuses a sample object
     */
    public LossStates(List<LossState> states, UnaryOperator<Sample> retain) {
        this(states, retain, i -> { });
    }

    /**
     * @param calls told the index of the state about to run its loss's code (in {@link #add} and
     *     {@link #merge}), and -1 once none is: for a caller that must name the loss that failed or
     *     watch how long a loss takes
     */
    public LossStates(List<LossState> states, UnaryOperator<Sample> retain, IntConsumer calls) {
        this.states = List.copyOf(states);
        this.array = this.states.toArray(new LossState[0]);
        this.prepared = new double[array.length];
        this.cannotFail = new boolean[array.length];
        this.keepsSamples = new boolean[array.length];
        this.reusesValue = new boolean[array.length];
        boolean columns = true;
        for (int i = 0; i < array.length; i++) {
            cannotFail[i] = array[i].commitCannotFail();
            keepsSamples[i] = array[i].keepsSamples();
            reusesValue[i] = cannotFail[i] && array[i].evaluator.detailKeys().isEmpty();
            columns &= array[i].takesColumns();
        }
        this.retain = retain;
        this.calls = calls;
        this.takesColumns = columns;
        this.batchValues = new double[array.length][];
    }

    /**
     * Adds {@code sample} to every state.
     *
     * @throws io.losskit.spi.InvalidSampleException when a loss refuses the sample
     * @throws BatchSampleException when a batch loss refuses a sample of a batch this one closes
     *     (batches cannot be taken back: the states are then unusable)
     */
    public void add(Sample sample, double weight) {
        prepare(sample);
        commit(sample, weight);
    }

    /**
     * The first half of {@link #add}: works out every per-sample value of {@code sample}, which
     * may refuse it, leaving every state as it was.
     *
     * @throws io.losskit.spi.InvalidSampleException when a per-sample loss refuses the sample
     */
    public void prepare(Sample sample) {
        for (int i = 0; i < array.length; i++) {
            calls.accept(i);
            prepared[i] = array[i].prepare(sample);
        }
        calls.accept(-1);
    }

    /**
     * The second half of {@link #add}: adds {@code sample}, the one {@link #prepare} was last
     * given, to every state.
     *
     * @throws io.losskit.spi.InvalidSampleException when an accumulator refuses the sample
     * @throws BatchSampleException as {@link #add}
     */
    public void commit(Sample sample, double weight) {
        // Accumulators may still refuse the sample; per-sample values, worked out above, cannot.
        // So those states take the sample only once every other one has.
        Sample kept = null;
        for (int i = 0; i < array.length; i++) {
            if (!cannotFail[i]) {
                if (keepsSamples[i] && kept == null) {
                    calls.accept(-1);
                    kept = retain.apply(sample);
                }
                calls.accept(i);
                array[i].commit(keepsSamples[i] ? kept : sample, prepared[i], array[i].weightOf(weight));
            }
        }
        calls.accept(-1);
        for (int i = 0; i < array.length; i++) {
            if (cannotFail[i]) {
                array[i].commit(sample, prepared[i], array[i].weightOf(weight));
            }
        }
    }

    /** Whether {@link #addAll} can take batches: every state's loss works on columns. */
    public boolean takesColumns() {
        return takesColumns;
    }

    /**
     * Adds the rows of {@code columns}, leaving every state as {@link #add} of each row in turn
     * would, but a state at a time: the per-sample values of every row first, then each
     * accumulator takes the rows that nothing before it refused, then each per-sample state the rows
     * that nothing refused. A row refused by one loss is left out of the states as {@link #add}
     * leaves it; {@code refused} is told of each refused row, in row order, once every state has
     * taken the batch.
     *
     * @param weights the rows' weights, or null when every weight is 1
     * @throws IllegalStateException when not {@link #takesColumns}
     */
    public void addAll(Columns columns, double[] weights, ObjIntConsumer<InvalidSampleException> refused) {
        if (!takesColumns) {
            throw new IllegalStateException("a loss here does not take columns");
        }
        int n = columns.size();
        if (refusals.length < n) {
            refusals = new InvalidSampleException[n];
        }
        InvalidSampleException[] reasons = refusals;
        boolean anyRefused = false;
        for (int i = 0; i < array.length; i++) {
            if (array[i] instanceof PerSampleState s) {
                anyRefused |= prepareAll(i, s, columns, n, reasons);
            }
        }
        for (int i = 0; i < array.length; i++) {
            if (array[i] instanceof AggregateState<?> s) {
                anyRefused |= addAll(i, s, columns, weights, n, anyRefused, reasons);
            }
        }
        for (int i = 0; i < array.length; i++) {
            if (array[i] instanceof PerSampleState s) {
                s.commitAll(batchValues[i], s.weightsOf(weights), anyRefused ? reasons : null, n);
            }
        }
        calls.accept(-1);
        if (anyRefused) {
            for (int r = 0; r < n; r++) {
                if (reasons[r] != null) {
                    refused.accept(reasons[r], r);
                }
            }
            Arrays.fill(reasons, 0, n, null);
        }
    }

    /** State {@code i}'s values of the batch, one row at a time where its loss stops; whether it refused a row. */
    private boolean prepareAll(int i, PerSampleState s, Columns columns, int n, InvalidSampleException[] reasons) {
        double[] values = batchValues[i];
        if (values == null || values.length < n) {
            values = batchValues[i] = new double[n];
        }
        boolean refusedAny = false;
        calls.accept(i);
        for (int from = 0; from < n; ) {
            int r = s.prepareAll(columns, from, n, values);
            if (r >= n) {
                break;
            }
            if (reasons[r] == null) {   // else an earlier loss refused the row: add() would not ask this one
                try {
                    values[r] = s.prepare(columns.row(r));
                } catch (InvalidSampleException e) {
                    reasons[r] = e;
                    refusedAny = true;
                }
            }
            from = r + 1;
        }
        return refusedAny;
    }

    /** The rows that nothing has refused into accumulator {@code i}, one at a time where it stops; whether it refused a row. */
    private boolean addAll(int i, AggregateState<?> s, Columns columns, double[] weights, int n,
                           boolean anyRefused, InvalidSampleException[] reasons) {
        double[] w = s.weightsOf(weights);
        boolean refusedAny = false;
        calls.accept(i);
        for (int from = 0; from < n; ) {
            int to = n;
            if (anyRefused || refusedAny) {
                while (from < n && reasons[from] != null) {
                    from++;
                }
                to = from;
                while (to < n && reasons[to] == null) {   // the run of rows not refused
                    to++;
                }
            }
            if (from >= n) {
                break;
            }
            int r = s.addAll(columns, w, from, to);
            if (r < to) {
                try {
                    s.commit(columns.row(r), 0, w == null ? 1.0 : w[r]);
                } catch (InvalidSampleException e) {
                    reasons[r] = e;
                    refusedAny = true;
                }
            }
            from = Math.min(r, to) + 1;
        }
        return refusedAny;
    }

    /**
     * Adds to these states the sample that {@code first}, states of the same losses, has just
     * taken with {@link #add}: a second grouping of the same records (a slice of the input). A
     * per-sample value is not computed again (unless its loss counts details, which these states
     * count too); an accumulator or a batch takes the sample itself.
     */
    public void addAlso(LossStates first, Sample sample, double weight) {
        Sample kept = null;
        for (int i = 0; i < array.length; i++) {
            LossState s = array[i];
            if (reusesValue[i]) {
                s.commit(sample, first.prepared[i], s.weightOf(weight));
                continue;
            }
            if (s.keepsSamples() && kept == null) {
                calls.accept(-1);
                kept = retain.apply(sample);
            }
            calls.accept(i);
            s.commit(s.keepsSamples() ? kept : sample, s.prepare(sample), s.weightOf(weight));
        }
        calls.accept(-1);
    }

    /**
     * {@link #addAlso(LossStates, Sample, double)} of row {@code row} of the batch that
     * {@code first} has just taken with {@link #addAll} (and not refused): its per-sample values
     * are taken from there.
     */
    public void addAlso(LossStates first, Columns columns, int row, double weight) {
        Sample sample = null;
        for (int i = 0; i < array.length; i++) {
            LossState s = array[i];
            if (reusesValue[i]) {
                s.commit(null, first.batchValues[i][row], s.weightOf(weight));
                continue;
            }
            if (sample == null) {
                sample = columns.row(row);
            }
            calls.accept(i);
            s.commit(sample, s.prepare(sample), s.weightOf(weight));
        }
        calls.accept(-1);
    }

    /** The value the per-sample loss of state {@code i} gave the sample last added (what {@code none} keeps). */
    public double value(int i) {
        return prepared[i];
    }

    /** Folds in {@code later}, the same losses' states over the samples after these ones'. */
    public void merge(LossStates later) {
        if (later.array.length != array.length) {
            throw new IllegalArgumentException("cannot merge " + later.array.length + " states into " + array.length);
        }
        for (int i = 0; i < array.length; i++) {
            calls.accept(i);
            array[i].merge(later.array[i]);
        }
        calls.accept(-1);
    }

    /** The states, in the order given. */
    public List<LossState> states() {
        return states;
    }
}
