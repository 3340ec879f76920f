package io.losskit.cli.engine;

import io.losskit.cli.bind.Binder;
import io.losskit.cli.bind.RoleBinding;
import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.input.ComparedInput;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import io.losskit.cli.input.UsageError;
import io.losskit.core.Evaluator;
import io.losskit.core.stats.BootstrapState;
import io.losskit.core.stats.ComparisonResult;
import io.losskit.core.stats.PairedComparison;
import io.losskit.core.stats.Resampling;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code losskit compare}: a baseline and a candidate scored by every selected loss on the same
 * records, in one pass over their files: both values, the difference, its paired bootstrap
 * interval and two p-values ({@link PairedComparison}), for the whole input and per slice.
 * The files are read on one thread, in step; the bootstrap and the randomization test use two.
 */
public final class CompareEngine implements RunProgress {

    // what a progress line on another thread shows
    private final ReadCount progress = new ReadCount();
    private volatile int replicates;
    private volatile String computing;

    @Override
    public long recordsRead() {
        return progress.get();
    }

    @Override
    public String computing() {
        return computing;
    }

    @Override
    public int replicates() {
        return replicates;
    }


    /**
     * How to compare.
     *
     * @param classes class names for class targets given as names
     * @param posLabel {@code --pos-label}: the binary target name that reads as 1 (others as 0), or null
     * @param columns explicit role → column mappings ({@code --col}), for both systems' files
     * @param by the slice columns of {@code --by} (empty: no slices), read from the baseline's file or the target file
     * @param resampling the paired bootstrap's resamples and seed
     * @param level the interval's confidence level, in percent
     * @param trials approximate randomization trials (0: none)
     * @param skipInvalid skip a record that either system's file gives an invalid value ({@code --on-invalid skip})
     */
    public record Options(List<String> classes, String posLabel, Map<String, String> columns, List<String> by,
                          Resampling resampling, double level, int trials, boolean skipInvalid) {
    }

    /**
     * One loss's comparison.
     *
     * @param loss the loss as the user typed it ({@code log-loss}), which labels the result
     * @param params every parameter's effective value
     * @param id the loss's canonical id ({@code bce})
     */
    public record Compared(String loss, Reduction reduction, ComparisonResult result, Map<String, Object> params, String id) {
    }

    /** One slice's comparisons; {@code key} as in {@link ScoreEngine.Slice}. */
    public record Slice(Map<String, Object> key, List<Compared> results) {
    }

    /**
     * The results of a run.
     *
     * @param records the records read (skipped ones included)
     * @param warnings one line each
     * @param skipped records skipped as invalid ({@code --on-invalid skip})
     * @param firstSkipped the message of the first skipped record, or null
     */
    public record Report(List<Compared> results, List<Slice> slices, long records, List<String> warnings, long skipped,
                         String firstSkipped) {
    }

    /**
     * Compares the systems of {@code input} by the losses of {@code plan}.
     *
     * @throws InputError on bad input, a record one system lacks, or targets that differ
     * @throws UsageError for a loss that cannot be resampled record by record (a batch loss)
     * @throws LossFailure when a loss (a plugin's) fails
     */
    public Report run(ScorePlan plan, ComparedInput input, Options options) throws IOException {
        Map<String, List<RoleSpec>> specs = ScoreEngine.roleSpecs(plan);
        RecordSource source = input.source();
        source.readsOnly(Binder.readable(specs, options.columns(), options.by()));
        Reading reading = new Reading(source, options.skipInvalid());
        Record first = reading.next();
        if (reading.failure != null) {
            throw reading.failure;
        }
        if (first == null) {
            throw InputError.inFile(input.fileOf(false), reading.skipped > 0 ? "no valid records (" + reading.skipped
                    + " skipped; first: " + reading.firstSkipped.getMessage() + ")" : "no records");
        }
        RecordSource[] sides = {input.side(false), input.side(true)};
        Setup[] setups = new Setup[2];
        ScoreEngine.Options bindOptions = new ScoreEngine.Options(0, options.classes(), options.columns(),
                options.skipInvalid(), false, null, 1, List.of(), options.posLabel());
        for (int s = 0; s < 2; s++) {
            Map<String, RoleBinding> bindings = Binder.bind(sides[s], first, sides[s].hasHeader(), specs, options.columns());
            Map<String, Integer> classIndex = Binder.classIndex(options.classes(), bindings.get("pred"),
                    options.columns().get("pred"));
            setups[s] = new Setup(plan, bindOptions, bindings, classIndex, null, null, sides[s].name(), false);
        }
        sameRoles(setups, sides);
        List<Evaluator> evaluators = setups[0].evaluators;
        for (int i = 0; i < evaluators.size(); i++) {
            try {
                BootstrapState.checkResamplable(evaluators.get(i));
            } catch (IllegalArgumentException e) {
                throw new UsageError("compare: " + plan.losses().get(i).descriptor().id() + ": " + e.getMessage()
                        + "; compare such a loss with two runs of losskit score");
            }
        }
        List<String> warnings = ScoreEngine.weightWarnings(plan, setups[0].bindings);
        for (int i = 0; i < evaluators.size(); i++) {
            if (evaluators.get(i).shape() == AggregateLoss.class && options.trials() > 0) {
                warnings.add(plan.losses().get(i).descriptor().id() + ": not a mean of per-record terms, so no approximate "
                        + "randomization (its p_randomization is NaN); the paired bootstrap's p stands");
            }
        }
        Supplier<PairedComparison[]> fresh = () -> {
            PairedComparison[] c = new PairedComparison[evaluators.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = new PairedComparison(evaluators.get(i), options.resampling(), options.trials());
            }
            return c;
        };
        SliceColumns by = options.by().isEmpty() ? null : SliceColumns.bind(sides[0], first, "--by", options.by());
        ComparePass pass = new ComparePass(reading, setups, sides, fresh, by);
        replicates = options.resampling().resamples();
        pass.read(first, progress);
        if (reading.failure != null) {
            throw reading.failure;
        }
        progress.done(reading.records);
        computing = "the intervals and p-values" + (options.trials() > 0 ? String.format(" (%,d randomization trials)",
                options.trials()) : "");
        List<Slice> slices = new ArrayList<>();
        if (by != null) {
            List<Integer> ids = new ArrayList<>();
            for (int id = 0; id < pass.slices.length; id++) {
                if (pass.slices[id] != null) {
                    ids.add(id);
                }
            }
            ids.sort((a, b) -> SliceColumns.compare(by.key(a), by.key(b)));
            for (int id : ids) {
                slices.add(new Slice(by.byName(by.key(id)), results(plan, pass.slices[id], options.level())));
            }
        }
        return new Report(results(plan, pass.overall, options.level()), List.copyOf(slices), reading.records,
                List.copyOf(warnings), reading.skipped, reading.firstSkipped == null ? null : reading.firstSkipped.getMessage());
    }

    /** Both systems must find the same roles: a loss reads the same inputs of each. */
    private static void sameRoles(Setup[] setups, RecordSource[] sides) {
        for (int s = 0; s < 2; s++) {
            for (RoleBinding b : setups[s].bindings.values()) {
                if (!setups[1 - s].bindings.containsKey(b.role())) {
                    throw InputError.inFile(sides[1 - s].name(), "no column for role \"" + b.role() + "\", which "
                            + sides[s].name() + " has (" + b.display() + "); both systems must give the losses the same "
                            + "inputs (map it with --col " + b.role() + "=NAME)");
                }
            }
        }
    }

    private static List<Compared> results(ScorePlan plan, PairedComparison[] comparisons, double level) {
        List<Compared> results = new ArrayList<>();
        for (int i = 0; i < comparisons.length; i++) {
            ScorePlan.Planned p = plan.losses().get(i);
            ComparisonResult r;
            try {
                r = comparisons[i].finish(level);
            } catch (InputError | UsageError e) {
                throw e;
            } catch (RuntimeException | VirtualMachineError e) {
                throw LossFailure.of(p.loss(), e);
            }
            results.add(new Compared(p.label(), plan.reduction(), r, p.params().effective(), p.descriptor().id()));
        }
        return results;
    }
}
