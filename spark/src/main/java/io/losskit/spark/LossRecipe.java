package io.losskit.spark;

import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.Losses;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an aggregator computes, and all that it ships to the executors: the loss id, its
 * parameters as text, the reduction and the roles of the input columns in order. The kernel's
 * {@link Evaluator} is built on the executor, from the packs on its class path.
 */
final class LossRecipe implements Serializable {

    private static final long serialVersionUID = 2L;

    final String loss;
    final Map<String, String> params;
    final Reduction reduction;
    /** The roles of the aggregator's input columns, in order; {@code weight} is the sample weight. */
    final List<String> roles;

    private transient Evaluator evaluator;
    private transient LossDefinition definition;
    private transient ParameterValues values;

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

    /** Checks that the loss exists, takes these parameters, roles and reduction, and has a Spark form. */
    LossRecipe check() {
        evaluator();
        return this;
    }

    /** The recipe as text, for Catalyst to tell two aggregates apart. */
    String key() {
        return loss + params + reduction + roles;
    }

    LossState newState() {
        return evaluator().newState();
    }

    LossState decode(byte[] bytes) {
        return evaluator().decode(bytes);
    }

    /** Whether the loss is per-sample: a value per row, whose mean or sum is the result. */
    boolean perSample() {
        return evaluator().shape() == PerSampleLoss.class;
    }

    /** Whether the loss takes sample weights (one that does not sees weight 1). */
    boolean takesWeight() {
        return evaluator().takesWeight();
    }

    /** A fresh instance of the per-sample loss, for one thread (losses need not be thread-safe). */
    PerSampleLoss newPerSampleLoss() {
        evaluator();
        return (PerSampleLoss) definition.create(values, Set.copyOf(roles));
    }

    LossDescriptor descriptor() {
        return definition().descriptor();
    }

    /** Every parameter's effective value, as the command line's JSON reports them. */
    Map<String, Object> effectiveParams() {
        evaluator();
        return values.effective();
    }

    private Evaluator evaluator() {
        if (evaluator == null) {
            LossDefinition d = definition();
            values = (ParameterValues) parameters(d);
            Set<String> present = Set.copyOf(roles);
            if (d.create(values, present) instanceof BatchLoss) {
                throw new IllegalArgumentException(loss + " is a batch (metric-learning) loss: its value depends on which"
                        + " rows form a batch, and Spark's partitions keep no order; it has no Spark form (use losskit score"
                        + " --batch-size)");
            }
            evaluator = Evaluator.of(d, values, present, reduction, 0);
        }
        return evaluator;
    }

    private Parameters parameters(LossDefinition d) {
        try {
            return Losses.parameters(d, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(loss + ": " + e.getMessage(), e);
        }
    }

    private LossDefinition definition() {
        if (definition == null) {
            definition = Losses.find(loss).orElseThrow(() -> new IllegalArgumentException("unknown loss " + loss
                    + " (the class path has " + String.join(", ", Losses.all().stream().map(d -> d.descriptor().id()).toList())
                    + ")"));
        }
        return definition;
    }
}
