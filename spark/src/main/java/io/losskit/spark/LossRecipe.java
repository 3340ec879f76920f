package io.losskit.spark;

import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossProvider;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * What an aggregator computes, and all that it ships to the executors: the loss id, its
 * parameters as text, the reduction and the roles of the input columns in order. The loss itself
 * is found and built on the executor, from the packs on its class path.
 */
final class LossRecipe implements Serializable {

    private static final long serialVersionUID = 1L;

    final String loss;
    final Map<String, String> params;
    final Reduction reduction;
    /** The roles of the aggregator's input columns, in order; {@code weight} is the sample weight. */
    final List<String> roles;

    private transient LossDefinition definition;

    LossRecipe(String loss, Map<String, String> params, Reduction reduction, List<String> roles) {
        if (reduction == Reduction.NONE) {
            throw new IllegalArgumentException(loss + ": an aggregate gives one value; reduction none has no Spark form"
                    + " (use mean or sum)");
        }
        this.loss = loss;
        this.params = new LinkedHashMap<>(params);
        this.reduction = reduction;
        this.roles = List.copyOf(roles);
    }

    /** Checks that the loss exists, takes these parameters and the reduction, and has a Spark form. */
    LossRecipe check() {
        newState();
        return this;
    }

    EvaluationState newState() {
        return new PerSampleEvaluation(perSample(), reduction);
    }

    EvaluationState decode(byte[] bytes) {
        return new PerSampleEvaluation(perSample(), reduction, bytes);
    }

    private PerSampleLoss perSample() {
        LossDefinition d = definition();
        LossDescriptor desc = d.descriptor();
        if (!desc.reductions().contains(reduction)) {
            throw new IllegalArgumentException(loss + " does not support reduction " + reduction.id());
        }
        ParameterValues values = ParameterValues.of(desc, params, path -> {
            throw new IllegalArgumentException(loss + ": a parameter that names a file (" + path
                    + ") has no Spark form");
        });
        if (!(d.create(values, Set.copyOf(roles)) instanceof PerSampleLoss l)) {
            // Aggregate and batch losses wait for the adapter to use the kernel's LossState (core/).
            throw new IllegalArgumentException(loss + " is not a per-sample loss: only per-sample losses run on Spark"
                    + " in this version");
        }
        return l;
    }

    private LossDefinition definition() {
        if (definition == null) {
            List<String> ids = new ArrayList<>();
            for (LossProvider p : ServiceLoader.load(LossProvider.class, LossRecipe.class.getClassLoader())) {
                for (LossDefinition d : p.losses()) {
                    LossDescriptor desc = d.descriptor();
                    ids.add(desc.id());
                    if (desc.id().equals(loss) || desc.aliases().contains(loss)) {
                        definition = d;
                        return d;
                    }
                }
            }
            throw new IllegalArgumentException("unknown loss " + loss + " (the class path has " + String.join(", ", ids) + ")");
        }
        return definition;
    }
}
