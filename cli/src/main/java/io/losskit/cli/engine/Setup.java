package io.losskit.cli.engine;

import io.losskit.cli.bind.BoundSample;
import io.losskit.cli.bind.RoleBinding;
import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.UsageError;
import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.LossStates;
import io.losskit.spi.InvalidInputException;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/** What every pass of a run shares: the plan, the bindings and each loss's evaluator. */
final class Setup {
    final List<ScorePlan.Planned> losses;
    final ScoreEngine.Options options;
    final Map<String, RoleBinding> bindings;
    final Map<String, Integer> classIndex;
    final List<Evaluator> evaluators = new ArrayList<>();
    /** The slice columns of {@code --by}, or null. */
    final SliceColumns by;

    Setup(ScorePlan plan, ScoreEngine.Options options, Map<String, RoleBinding> bindings, Map<String, Integer> classIndex,
          SliceColumns by, String file) {
        this.losses = plan.losses();
        this.options = options;
        this.bindings = bindings;
        this.classIndex = classIndex;
        this.by = by;
        for (ScorePlan.Planned p : plan.losses()) {
            evaluators.add(evaluator(p, bindings, plan.reduction(), options.batchSize(), file));
        }
    }

    /** Per-sample values go to a {@link ScoreEngine.RowSink} as they come: the states keep none. */
    void streaming() {
        evaluators.replaceAll(Evaluator::streaming);
    }

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
        return new LossStates(states, s -> ((BoundSample) s).freeze(), calls);
    }

    BoundSample sample() {
        return new BoundSample(bindings, List.copyOf(classIndex.keySet()), classIndex);
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
