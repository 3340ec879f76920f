package io.losskit.cli.engine;

import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.input.Record;
import io.losskit.core.LossStates;
import io.losskit.spi.Sample;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The states of every slice of {@code --by} that one pass has seen: one set of loss states per
 * distinct key, so that memory grows with the slices, not the records.
 */
final class Slices {

    final SliceColumns columns;
    private final Supplier<LossStates> fresh;
    /** By slice id (of {@link #columns}); null for a slice whose records were all refused. */
    private LossStates[] states = new LossStates[16];

    Slices(SliceColumns columns, Setup setup, IntConsumer calls) {
        this.columns = columns;
        this.fresh = () -> setup.states(calls);
    }

    /** The slice of {@code record} (before any state takes it: a bad slice value leaves no trace). */
    int slice(Record record) {
        return columns.slice(record);
    }

    /** Adds to slice {@code id} the sample that {@code overall} has just taken. */
    void add(int id, LossStates overall, Sample sample, double weight) {
        states(id).addAlso(overall, sample, weight);
    }

    private LossStates states(int id) {
        if (id >= states.length) {
            states = Arrays.copyOf(states, Math.max(2 * states.length, id + 1));
        }
        LossStates s = states[id];
        if (s == null) {
            s = fresh.get();
            states[id] = s;
        }
        return s;
    }

    /** The states of slice {@code id}, or null when it has none. */
    LossStates get(int id) {
        return id < states.length ? states[id] : null;
    }

    /** How many slice ids there are (some may have no states). */
    int size() {
        return states.length;
    }

    /** Folds in {@code later}'s slices, of the records after this pass's. */
    void append(Slices later) {
        for (int id = 0; id < later.states.length; id++) {
            LossStates s = later.states[id];
            if (s == null) {
                continue;
            }
            int mine = columns.idOf(later.columns.key(id));
            if (get(mine) == null) {
                states(mine);
                states[mine] = s;
            } else {
                states[mine].merge(s);
            }
        }
    }
}
