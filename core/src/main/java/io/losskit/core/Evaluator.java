package io.losskit.core;

import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How to evaluate one loss: the loss, configured, with a reduction and (for batch losses) a
 * batch size. It makes the {@link LossState}s that hold the evaluation of part of an input; the
 * one evaluation path for per-sample, aggregate and batch losses alike.
 *
 * <p>Each state gets its own instance of the loss (losses need not be thread-safe), so states of
 * one evaluator can be fed on different threads and then merged.
 */
public final class Evaluator {

    private final String name;
    private final List<String> detailKeys;
    private final boolean takesWeight;
    private final Supplier<Loss> instances;
    private final Reduction reduction;
    private final int batchSize;
    /** The instance made to check the parameters and the roles; it says the loss's shape. */
    private final Loss first;
    /** Whether per-sample states under {@code none} keep every value (else the caller takes them as they come). */
    private final boolean keepsValues;

    private Evaluator(String name, List<String> detailKeys, boolean takesWeight, Supplier<Loss> instances,
                      Reduction reduction, int batchSize, Loss first, boolean keepsValues) {
        if (batchSize < 0) {
            throw new IllegalArgumentException("the batch size is negative: " + batchSize);
        }
        if (first instanceof BatchLoss && reduction == Reduction.NONE) {
            throw new IllegalArgumentException("gives one value per batch, none per sample: reduction none is not "
                    + "supported in this shape (use mean or sum)");
        }
        this.name = name;
        this.detailKeys = List.copyOf(detailKeys);
        this.takesWeight = takesWeight;
        this.instances = instances;
        this.reduction = reduction;
        this.batchSize = batchSize;
        this.first = first;
        this.keepsValues = keepsValues;
    }

    /**
     * An evaluator of {@code definition}.
     *
     * @param params the parameters, e.g. from {@link Losses#parameters}
     * @param roles the roles the input provides (a loss with several input shapes picks one from them)
     * @param reduction one of the descriptor's reductions
     * @param batchSize samples per batch for a batch loss, 0 for all of them in one batch; ignored otherwise
     * @throws IllegalArgumentException when the loss does not support {@code reduction} (a batch loss
     *     never supports {@code none}), the batch size is negative, or the loss refuses a combination
     *     of parameters
     * @throws io.losskit.spi.InvalidInputException when the roles fit no input shape of the loss
     */
    public static Evaluator of(LossDefinition definition, Parameters params, Set<String> roles, Reduction reduction,
                               int batchSize) {
        LossDescriptor d = definition.descriptor();
        if (!d.reductions().contains(reduction)) {
            throw new IllegalArgumentException(d.id() + " does not support reduction " + reduction.id() + " (it supports "
                    + String.join(", ", d.reductions().stream().sorted().map(Reduction::id).toList()) + ")");
        }
        Set<String> present = Set.copyOf(roles);
        return new Evaluator(d.id(), d.details(), d.takesWeight(), new Creating(definition, params, present), reduction,
                batchSize, definition.create(params, present), true);
    }

    /** New instances of a definition's loss; a class, not a lambda, as losskit's start-up path has none. */
    private record Creating(LossDefinition definition, Parameters params, Set<String> roles) implements Supplier<Loss> {
        @Override
        public Loss get() {
            return definition.create(params, roles);
        }
    }

    /**
     * An evaluator of a loss instance made already (by {@link LossDefinition#create}): its states
     * share the instance, so use them on one thread. No descriptor is known here: every reduction is
     * tried, details show only what was counted, and sample weights are applied.
     */
    public static Evaluator of(Loss loss, Reduction reduction, int batchSize) {
        return new Evaluator(loss.getClass().getSimpleName(), List.of(), true, () -> loss, reduction, batchSize, loss, true);
    }

    /**
     * This evaluator, except that the states of a per-sample loss under {@code none} keep no
     * values (their result has none): the caller takes each one as it comes, from
     * {@link LossStates#value}, so that memory does not grow with the input.
     */
    public Evaluator streaming() {
        return new Evaluator(name, detailKeys, takesWeight, instances, reduction, batchSize, first, false);
    }

    boolean keepsValues() {
        return keepsValues;
    }

    /** An empty state, with an instance of the loss of its own. */
    public LossState newState() {
        Loss loss = loss();
        if (loss instanceof PerSampleLoss l) {
            return new PerSampleState(this, l);
        }
        if (loss instanceof AggregateLoss<?> l) {
            return aggregate(l);
        }
        return new BatchState(this, (BatchLoss) loss);
    }

    private <A extends Accumulator<A>> LossState aggregate(AggregateLoss<A> loss) {
        return new AggregateState<>(this, loss);
    }

    /**
     * Reads back a state that {@link LossState#encode} wrote, made by an evaluator of the same
     * loss, parameters, reduction and batch size (here or on another machine).
     *
     * @throws IllegalArgumentException when {@code bytes} is not such a state
     */
    public LossState decode(byte[] bytes) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        LossState state;
        try {
            state = decode(loss(), in);
            if (in.read() == -1) {
                return state;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a state of " + this + ": " + e, e);
        }
        throw new IllegalArgumentException("not a state of " + this + ": bytes left over");
    }

    private LossState decode(Loss loss, DataInput in) throws IOException {
        if (loss instanceof PerSampleLoss l) {
            return new PerSampleState(this, l, in);
        }
        if (loss instanceof AggregateLoss<?> l) {
            return decodeAggregate(l, in);
        }
        return new BatchState(this, (BatchLoss) loss, in);
    }

    private <A extends Accumulator<A>> LossState decodeAggregate(AggregateLoss<A> loss, DataInput in) throws IOException {
        return new AggregateState<>(this, loss, in);
    }

    /** A fresh instance (losses need not be thread-safe, and states may live on different threads). */
    private Loss loss() {
        return instances.get();
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }

    /** Samples per batch for a batch loss, 0 for one batch of all. */
    public int batchSize() {
        return batchSize;
    }

    /** The shape of the loss: per-sample, aggregate or batch. */
    public Class<? extends Loss> shape() {
        return first instanceof PerSampleLoss ? PerSampleLoss.class
                : first instanceof AggregateLoss ? AggregateLoss.class : BatchLoss.class;
    }

    /** Whether the loss takes sample weights; one that does not sees weight 1 (its descriptor says so). */
    public boolean takesWeight() {
        return takesWeight;
    }

    List<String> detailKeys() {
        return detailKeys;
    }

    /** Whether states of {@code other} merge with this one's: the same loss, reduction and batch size. */
    boolean sameAs(Evaluator other) {
        return other == this || other.name.equals(name) && other.first.getClass() == first.getClass()
                && other.reduction == reduction && other.batchSize == batchSize;
    }

    @Override
    public String toString() {
        return name + " (reduction " + reduction.id()
                + (first instanceof BatchLoss ? ", batch size " + batchSize : "") + ")";
    }
}
