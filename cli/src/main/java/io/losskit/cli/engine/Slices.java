package io.losskit.cli.engine;

import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.input.ColumnBatch;
import io.losskit.cli.input.Record;
import io.losskit.core.LossStates;
import io.losskit.core.stats.BootstrapStates;
import io.losskit.spi.Columns;
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
    /** Under {@code --ci}: fresh bootstrap states, else null. */
    private final Supplier<BootstrapStates> freshBoot;
    /** By slice id (of {@link #columns}); null for a slice whose records were all refused. */
    private LossStates[] states = new LossStates[16];
    /** Under {@code --ci}: by slice id, the bootstrap whose point states are {@link #states}'. */
    private BootstrapStates[] boots = new BootstrapStates[16];

    Slices(SliceColumns columns, Setup setup, IntConsumer calls) {
        this.columns = columns;
        this.fresh = () -> setup.states(calls);
        this.freshBoot = setup.options.bootstrap() == null ? null : () -> setup.bootstrap(calls);
    }

    /** The slice of {@code record} (before any state takes it: a bad slice value leaves no trace). */
    int slice(Record record) {
        return columns.slice(record);
    }

    /**
     * Adds to slice {@code id} the sample that {@code overall} has just taken; under {@code --ci}
     * to the slice's bootstrap, with the record's {@code key} (so its counts are those it has in
     * the whole input's replicates).
     */
    void add(int id, LossStates overall, Sample sample, double weight, long key) {
        LossStates s = states(id);
        if (freshBoot != null) {
            boots[id].add(key, sample, weight);
        } else {
            s.addAlso(overall, sample, weight);
        }
    }

    /** Adds to slice {@code id} row {@code row} of the batch that {@code overall} has just taken by columns. */
    void addRow(int id, LossStates overall, Columns columns, int row, double weight) {
        states(id).addAlso(overall, columns, row, weight);
    }

    /** The source's column of the {@code --by} column, whose cells a batch carries (the columnar path takes one only: {@link Setup#columnar}). */
    int keyColumn() {
        return columns.columns()[0];
    }

    /**
     * Row i's slice into {@code ids[i]}, from the key cells of {@code batch} (see {@link #keyColumn}):
     * the rows of slices seen before in one loop, then the others in order (slices are numbered in
     * order of first sight), so that the loop over every row holds no code for a new slice.
     */
    void slices(ColumnBatch batch, int[] ids) {
        boolean unknown = false;
        for (int i = 0, from = 0; i < batch.size; i++) {
            ids[i] = columns.knownSlice(batch.keyBytes, from, batch.keyEnds[i]);
            unknown |= ids[i] < 0;
            from = batch.keyEnds[i];
        }
        if (unknown) {
            firstSights(batch, ids);
        }
    }

    private void firstSights(ColumnBatch batch, int[] ids) {
        for (int i = 0, from = 0; i < batch.size; i++) {
            if (ids[i] < 0) {
                ids[i] = columns.slice(batch.keyBytes, from, batch.keyEnds[i]);
            }
            from = batch.keyEnds[i];
        }
    }

    private void grow(int id) {
        if (id >= states.length) {
            int n = Math.max(2 * states.length, id + 1);
            states = Arrays.copyOf(states, n);
            boots = Arrays.copyOf(boots, n);
        }
    }

    private LossStates states(int id) {
        grow(id);
        LossStates s = states[id];
        if (s == null) {
            if (freshBoot != null) {
                boots[id] = freshBoot.get();
                s = boots[id].pointStates();
            } else {
                s = fresh.get();
            }
            states[id] = s;
        }
        return s;
    }

    /** The bootstrap of slice {@code id} under {@code --ci}, else null. */
    BootstrapStates bootstrap(int id) {
        return id < boots.length ? boots[id] : null;
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
                grow(mine);
                states[mine] = s;
                boots[mine] = later.boots[id];
            } else if (freshBoot != null) {
                boots[mine].merge(later.boots[id]);
            } else {
                states[mine].merge(s);
            }
        }
    }
}
