package io.losskit.cli.engine;

import io.losskit.builtin.align.Alignable;
import io.losskit.builtin.align.Aligner;
import io.losskit.cli.bind.BoundSample;
import io.losskit.cli.bind.ColumnSample;
import io.losskit.cli.bind.RoleBinding;
import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Numbers;
import io.losskit.cli.input.UsageError;
import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.LossStates;
import io.losskit.core.stats.BootstrapState;
import io.losskit.core.stats.BootstrapStates;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.InvalidInputException;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/** What every pass of a run shares: the plan, the bindings and each loss's evaluator. */
final class Setup {
    final List<ScorePlan.Planned> losses;
    final Reduction reduction;
    final ScoreEngine.Options options;
    final Map<String, RoleBinding> bindings;
    final Map<String, Integer> classIndex;
    final List<Evaluator> evaluators = new ArrayList<>();
    /** The slice columns of {@code --by}, or null. */
    final SliceColumns by;
    /** The id columns of {@code --id}, or null. */
    final SliceColumns ids;

    /** Whether the input may be read in parts (a {@link io.losskit.cli.input.SplittableSource}), which keys records on their line ({@link Pass}). */
    final boolean splittable;

    Setup(ScorePlan plan, ScoreEngine.Options options, Map<String, RoleBinding> bindings, Map<String, Integer> classIndex,
          SliceColumns by, SliceColumns ids, String file, boolean splittable) {
        this.losses = plan.losses();
        this.reduction = plan.reduction();
        this.options = options;
        this.bindings = bindings;
        this.classIndex = classIndex;
        this.by = by;
        this.ids = ids;
        this.splittable = splittable;
        for (ScorePlan.Planned p : plan.losses()) {
            evaluators.add(evaluator(p, bindings, plan.reduction(), options.batchSize(), file));
        }
        if (options.bootstrap() != null) {
            for (int i = 0; i < evaluators.size(); i++) {
                try {
                    BootstrapState.checkResamplable(evaluators.get(i));
                } catch (IllegalArgumentException e) {
                    throw new UsageError("--ci: " + losses.get(i).descriptor().id() + " is a batch (metric-learning) loss: "
                            + "its value is a function of whole batches, which cannot be resampled record by record, "
                            + "so it has no bootstrap interval (score it in a run without --ci)");
                }
            }
        }
    }

    /**
     * Whether each part of a split input must know its records' keys in the whole input as it
     * reads (the bootstrap draws by them; the worst records and the lines of {@code none} are
     * ordered and labelled by them), which costs a scan of the parts before they are read.
     */
    boolean needsKeys() {
        return options.bootstrap() != null || options.worst() > 0 || keepsLines();
    }

    /** Whether the passes keep each record's line and ids for {@code --reduction none} values kept in the states. */
    boolean keepsLines() {
        return reduction == Reduction.NONE && !streamed;
    }

    /** Fresh bootstrap states of every selected loss, under {@code --ci} (see {@link #states}). */
    BootstrapStates bootstrap(IntConsumer calls) {
        List<BootstrapState> states = new ArrayList<>();
        for (int i = 0; i < evaluators.size(); i++) {
            try {
                states.add(new BootstrapState(evaluators.get(i), options.bootstrap().resampling()));
            } catch (RuntimeException | VirtualMachineError e) {
                throw LossFailure.of(losses.get(i).loss(), e);
            }
        }
        return new BootstrapStates(states, calls);
    }

    /** Per-sample values go to a {@link ScoreEngine.RowSink} as they come: the states keep none. */
    void streaming() {
        evaluators.replaceAll(Evaluator::streaming);
        streamed = true;
    }

    private boolean streamed;

    /**
     * Fresh states of every selected loss, each with its own loss instance (one set per thread).
     *
     * @param calls told which loss is being called (see {@link LossStates})
     */
    LossStates states(IntConsumer calls) {
        List<LossState> states = new ArrayList<>();
        for (int i = 0; i < evaluators.size(); i++) {
            try {
                states.add(evaluators.get(i).newState());
            } catch (RuntimeException | VirtualMachineError e) {
                throw LossFailure.of(losses.get(i).loss(), e);
            }
        }
        // Batch losses keep the samples of their batch; the engine's sample moves on with the source.
        return new LossStates(states, FREEZE, calls);
    }

    /** {@link BoundSample#freeze}, as a class (see {@code Main}). */
    private static final UnaryOperator<Sample> FREEZE = new UnaryOperator<>() {
        @Override
        public Sample apply(Sample s) {
            return ((BoundSample) s).freeze();
        }
    };

    /** Whether a selected loss has {@code shape} ({@link Evaluator#shape}). */
    boolean anyShaped(Class<?> shape) {
        for (Evaluator e : evaluators) {
            if (e.shape() == shape) {
                return true;
            }
        }
        return false;
    }

    /** Whether every selected loss has {@code shape} ({@link Evaluator#shape}). */
    boolean allShaped(Class<?> shape) {
        for (Evaluator e : evaluators) {
            if (e.shape() != shape) {
                return false;
            }
        }
        return true;
    }

    /**
     * A sample for the columnar path ({@link Pass}), when the plan allows it: every role is one
     * column read as a number or class index (unless a class name is a number other than its
     * index), or columns read as a vector, no loss needs whole batches, and nothing is kept per
     * record (no {@code --id}, {@code --ci}, {@code --worst}, {@code --by} of several columns,
     * nor {@code --reduction none}), which the record path alone does; else null. A one-column
     * {@code --by} groups the rows of a batch by the cells a CSV source copies into it (see
     * {@link Pass}; other sources then read records).
     */
    ColumnSample columnar() {
        if (ids != null || by != null && by.names().size() > 1 || options.bootstrap() != null || options.worst() > 0
                || reduction == Reduction.NONE || anyShaped(BatchLoss.class)) {
            return null;
        }
        boolean numberNames = false;
        for (Map.Entry<String, Integer> name : classIndex.entrySet()) {
            double v = Numbers.plain(name.getKey());
            numberNames |= v - v == 0 && v != name.getValue();   // (logit_0 … logit_9 name the classes 0 … 9)
        }
        return ColumnSample.of(bindings, numberNames);
    }

    /**
     * Under {@code --worst}, a new aligner of loss {@code i} (one per pass: it is not thread-safe)
     * when the loss is {@link ScorePlan.Planned#alignable}; else null.
     */
    Aligner aligner(int i) {
        ScorePlan.Planned p = losses.get(i);
        if (options.worst() == 0 || !p.alignable()) {
            return null;
        }
        try {
            return ((Alignable) p.loss().definition()).aligner(p.params());
        } catch (RuntimeException | VirtualMachineError e) {
            throw LossFailure.of(p.loss(), e);
        }
    }

    BoundSample sample() {
        return new BoundSample(bindings, List.copyOf(classIndex.keySet()), classIndex, options.posLabel());
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
            return Evaluator.of(p.loss().definition(), p.params(), present, reduction, batchSize);
        } catch (InvalidInputException e) {
            throw InputError.inFile(file, ScoreEngine.prefixed(d.id(), e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UsageError(ScoreEngine.prefixed(d.id(), e.getMessage()));
        } catch (RuntimeException | VirtualMachineError e) {
            throw LossFailure.of(p.loss(), e);
        }
    }
}
