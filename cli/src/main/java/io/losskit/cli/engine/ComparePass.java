package io.losskit.cli.engine;

import io.losskit.cli.bind.BoundSample;
import io.losskit.cli.bind.Locator;
import io.losskit.cli.bind.RoleBinding;
import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import io.losskit.cli.input.UsageError;
import io.losskit.core.stats.PairedComparison;
import io.losskit.core.stats.PairedSampleException;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one read of a compared input: each record bound twice (the baseline's roles and the
 * candidate's), both samples checked, the roles they share checked to agree (target and weight,
 * when each system's file has its own), and the pair added to every loss's
 * {@link PairedComparison}, overall and in the record's slice.
 */
final class ComparePass {

    /** A role each system reads from its own file, whose values must be the same in both. */
    private record Shared(String role, RoleBinding baseline, RoleBinding candidate) {
    }

    final Reading reading;
    final PairedComparison[] overall;
    /** By slice id of {@link #sliceColumns}; null when no slice. */
    PairedComparison[][] slices = new PairedComparison[16][];
    final SliceColumns sliceColumns;
    private final Supplier<PairedComparison[]> fresh;
    private final List<ScorePlan.Planned> losses;
    private final RecordSource[] sides;
    private final BoundSample[] samples;
    private final Locator[] locators;
    private final List<List<RoleBinding>> required = new ArrayList<>();
    private final List<Shared> shared = new ArrayList<>();
    private final RoleBinding weight;

    /**
     * @param setups the baseline's and the candidate's (bindings, samples)
     * @param sides the views the two were bound through
     * @param fresh a comparison per loss, empty
     * @param sliceColumns the {@code --by} columns, or null
     */
    ComparePass(Reading reading, Setup[] setups, RecordSource[] sides, Supplier<PairedComparison[]> fresh,
                SliceColumns sliceColumns) {
        this.reading = reading;
        this.losses = setups[0].losses;
        this.sides = sides;
        this.fresh = fresh;
        this.overall = fresh.get();
        this.sliceColumns = sliceColumns;
        this.samples = new BoundSample[] {setups[0].sample(), setups[1].sample()};
        this.locators = new Locator[] {new Locator(sides[0], setups[0].bindings), new Locator(sides[1], setups[1].bindings)};
        for (Setup s : setups) {
            required.add(s.bindings.values().stream().filter(RoleBinding::required).toList());
        }
        for (String role : List.of("target", LossDescriptor.WEIGHT)) {
            RoleBinding b = setups[0].bindings.get(role);
            RoleBinding c = setups[1].bindings.get(role);
            if (b != null && !Arrays.equals(b.columns(), c.columns())) {
                shared.add(new Shared(role, b, c));
            }
        }
        this.weight = setups[0].bindings.get(LossDescriptor.WEIGHT);
    }

    /** Reads to the end, starting with {@code first} (already read), counted in {@code progress}; stops at the first failure. */
    void read(Record first, ReadCount progress) throws IOException {
        Record record = first;
        while (record != null) {
            if ((reading.records & (ReadCount.STEP - 1)) == 0) {
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

    private void feed(Record record) {
        long ordinal = record.number() - 1;
        samples[0].reset(record);
        samples[1].reset(record);
        int slice = sliceColumns == null ? -1 : sliceColumns.slice(record);
        for (int s = 0; s < 2; s++) {
            try {
                for (RoleBinding b : required.get(s)) {
                    if (!samples[s].has(b.role())) {
                        throw new InvalidSampleException(b.role(), "no value");
                    }
                }
                samples[s].validate();
            } catch (InvalidSampleException e) {
                throw locators[s].locate(e, record);
            }
        }
        for (Shared r : shared) {
            agree(record, r);
        }
        double w = weight != null && samples[0].has(LossDescriptor.WEIGHT) ? samples[0].number(LossDescriptor.WEIGHT) : 1.0;
        // every loss sees both samples before any takes them, so a refused record can be skipped
        for (int i = 0; i < overall.length; i++) {
            try {
                overall[i].prepare(samples[0], samples[1]);
            } catch (PairedSampleException e) {
                throw locators[e.candidate() ? 1 : 0].locate(e.getCause(), record);
            } catch (InputError | UsageError e) {
                throw e;
            } catch (RuntimeException | VirtualMachineError e) {
                throw LossFailure.of(losses.get(i).loss(), e);
            }
        }
        PairedComparison[] inSlice = slice < 0 ? null : slice(slice);
        for (int i = 0; i < overall.length; i++) {
            try {
                overall[i].commit(ordinal, samples[0], samples[1], w);
                if (inSlice != null) {
                    inSlice[i].add(ordinal, samples[0], samples[1], w);
                }
            } catch (PairedSampleException e) {
                throw locators[e.candidate() ? 1 : 0].locate(e.getCause(), record).unrecoverable();
            } catch (InputError | UsageError e) {
                throw e;
            } catch (RuntimeException | VirtualMachineError e) {
                throw LossFailure.of(losses.get(i).loss(), e);
            }
        }
    }

    private PairedComparison[] slice(int id) {
        if (id >= slices.length) {
            slices = Arrays.copyOf(slices, Math.max(2 * slices.length, id + 1));
        }
        if (slices[id] == null) {
            slices[id] = fresh.get();
        }
        return slices[id];
    }

    /**
     * Checks that the two systems' files give the record the same value of role {@code r.role()}:
     * the same cells, or cells that read as the same number or list of numbers (1 and 1.0).
     */
    private void agree(Record record, Shared r) {
        int[] b = r.baseline().columns();
        int[] c = r.candidate().columns();
        for (int i = 0; i < Math.max(b.length, c.length); i++) {
            if (i >= b.length || i >= c.length || !same(record, b[i], c[i])) {
                Record mine = sides[1].origin(record, c[Math.min(i, c.length - 1)]);
                Record theirs = sides[0].origin(record, b[Math.min(i, b.length - 1)]);
                throw new InputError(sides[1].fileOf(c[0]), mine.line(), mine.number(), r.candidate().display(),
                        "the " + r.role() + " is " + show(record, c) + " here but " + show(record, b) + " in "
                        + sides[0].fileOf(b[0]) + " at " + (theirs.line() > 0 ? "line " + theirs.line() : "record " + theirs.number())
                        + ": both systems must be scored on the same " + r.role() + "s").unrecoverable();
            }
        }
    }

    private static boolean same(Record record, int a, int b) {
        boolean hasA = record.has(a);
        if (hasA != record.has(b)) {
            return false;
        }
        if (!hasA || Objects.deepEquals(record.value(a), record.value(b))) {
            return true;
        }
        try {
            return record.number(a) == record.number(b);
        } catch (NumberFormatException e) {
            // not numbers: lists of numbers, or texts that differ
        }
        try {
            return Arrays.equals(record.vector(a), record.vector(b));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The cells as a message shows them. */
    private static String show(Record record, int[] columns) {
        List<String> cells = new ArrayList<>();
        for (int c : columns) {
            Object v = record.has(c) ? record.value(c) : null;
            cells.add(v == null ? "(none)" : v instanceof double[] d ? Arrays.toString(d)
                    : v instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(v));
        }
        String text = cells.size() == 1 ? cells.get(0) : String.join(", ", cells);
        return text.length() > 60 ? text.substring(0, 57) + "…" : text;
    }
}
