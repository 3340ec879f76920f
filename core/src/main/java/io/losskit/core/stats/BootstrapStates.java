package io.losskit.core.stats;

import io.losskit.core.LossState;
import io.losskit.core.LossStates;
import io.losskit.spi.Sample;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The bootstrap states of several losses fed the same records (the bootstrap form of
 * {@link LossStates}): each record's counts are drawn once for all of them, each per-sample
 * loss is computed once, and a record that a loss refuses reaches no replicate.
 */
public final class BootstrapStates {

    private final BootstrapState[] states;
    private final LossStates points;
    private final Resampling resampling;
    private final IntConsumer calls;
    private final byte[] counts;
    private final boolean needsCounts;

    /**
     * @param states the states, of one resampling, in the order their losses were selected
     * @param calls told the index of the state about to run its loss's code, and -1 once none is
     *     (as {@link LossStates#LossStates(List, java.util.function.UnaryOperator, IntConsumer)})
     */
    public BootstrapStates(List<BootstrapState> states, IntConsumer calls) {
        this.states = states.toArray(new BootstrapState[0]);
        this.resampling = this.states.length == 0 ? null : this.states[0].resampling();
        for (BootstrapState s : this.states) {
            if (!s.resampling().equals(resampling)) {
                throw new IllegalArgumentException("bootstrap states of " + resampling + " and " + s.resampling());
            }
        }
        // no batch loss here (refused), so samples need not be retained
        this.points = new LossStates(states.stream().map(BootstrapState::point).toList(), s -> s, calls);
        this.calls = calls;
        this.counts = new byte[resampling == null ? 0 : resampling.resamples()];
        this.needsCounts = states.stream().anyMatch(BootstrapState::needsCounts);
    }

    /**
     * Adds one record to every state.
     *
     * @param ordinal the record's position in the whole input, as {@link BootstrapState#add} takes it
     * @throws io.losskit.spi.InvalidSampleException when a loss refuses the sample (see {@link LossStates#add})
     */
    public void add(long ordinal, Sample sample, double weight) {
        points.add(sample, weight);
        if (states.length == 0) {
            return;
        }
        if (needsCounts) {
            resampling.weights(ordinal, counts);
        }
        for (int i = 0; i < states.length; i++) {
            calls.accept(i);
            states[i].spread(ordinal, counts, sample, points.value(i), weight);
        }
        calls.accept(-1);
    }

    /** Folds in {@code later}, the same losses' states over the records after these ones'. */
    public void merge(BootstrapStates later) {
        if (later.states.length != states.length) {
            throw new IllegalArgumentException("cannot merge " + later.states.length + " states into " + states.length);
        }
        for (int i = 0; i < states.length; i++) {
            calls.accept(i);
            states[i].merge(later.states[i]);
        }
        calls.accept(-1);
    }

    /** The states, in the order given. */
    public List<BootstrapState> states() {
        return List.of(states);
    }

    /**
     * The point states as the {@link LossStates} that {@link #add} feeds: their per-sample
     * {@link LossStates#value values} of the record last added, their warnings.
     */
    public LossStates pointStates() {
        return points;
    }

    /** The point states (what {@link LossState#finish} gives each point value of). */
    public List<LossState> points() {
        return points.states();
    }
}
