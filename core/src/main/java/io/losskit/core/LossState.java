package io.losskit.core;

import io.losskit.spi.LossResult;
import io.losskit.spi.Sample;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One loss's state over part of the input: what {@link Evaluator#newState()} makes, for any
 * shape of loss. Feed it with {@link #add}, combine the states of split inputs with
 * {@link #merge}, read the value with {@link #finish}, ship it with {@link #encode} and
 * {@link Evaluator#decode}.
 *
 * <p><b>Merging.</b> {@code a.merge(b)} makes {@code a} the state of a's samples followed by b's.
 * It is associative. Counts, details, warnings and the per-sample values of {@code none}
 * (concatenated in merge order) are exact under any grouping; sums are compensated, so a merged
 * value equals the one-pass value within about one rounding of the result, and bit for bit when
 * every partial sum is exact (integer terms and weights, as edit counts are) or, as in practice
 * for inputs cut into a few large parts, when the compensation absorbs the difference.
 *
 * <p>A state is used by one thread at a time; states made by one evaluator may live on different
 * threads.
 */
public abstract sealed class LossState permits PerSampleState, AggregateState, BatchState {

    final Evaluator evaluator;
    final KernelTally tally;

    LossState(Evaluator evaluator) {
        this.evaluator = evaluator;
        this.tally = new KernelTally(evaluator.detailKeys());
    }

    /**
     * Adds one sample. A sample the loss refuses leaves the state as it was.
     *
     * @param weight the sample's weight, ≥ 0 (1 for unweighted input); a loss that takes no weight
     *     ({@link Evaluator#takesWeight()}) sees 1. A sample of weight 0 adds nothing to weighted
     *     sums, even when its loss is ±∞ or NaN; it still counts as a sample.
     * @throws io.losskit.spi.InvalidSampleException when a value is outside the loss's domain
     * @throws BatchSampleException when a batch loss refuses a sample of the batch this one closes
     */
    public final void add(Sample sample, double weight) {
        commit(sample, prepare(sample), weightOf(weight));
    }

    final double weightOf(double weight) {
        return evaluator.takesWeight() ? weight : 1.0;
    }

    /** {@link #weightOf} of a batch's weights: null (every weight 1) for a loss that takes none. */
    final double[] weightsOf(double[] weights) {
        return evaluator.takesWeight() ? weights : null;
    }

    /** Works out what {@code sample} contributes without keeping it (the loss of a per-sample loss). */
    abstract double prepare(Sample sample);

    /** Keeps what {@link #prepare} worked out. */
    abstract void commit(Sample sample, double prepared, double weight);

    /** Whether the state keeps the samples themselves (a batch loss's open batch). */
    boolean keepsSamples() {
        return false;
    }

    /**
     * Whether the state takes batches of rows by columns: {@link PerSampleState#prepareAll} of a
     * {@link io.losskit.spi.ColumnLoss}, {@link AggregateState#addAll} of a
     * {@link io.losskit.spi.ColumnAccumulator}.
     */
    boolean takesColumns() {
        return false;
    }

    /** Whether {@link #commit} cannot refuse a sample, so that it may wait until every other state has taken it. */
    boolean commitCannotFail() {
        return false;
    }

    /**
     * Folds in {@code later}, the state of the samples after this one's; {@code later} must not be
     * used afterwards.
     *
     * @throws IllegalArgumentException when {@code later} was made for another loss, reduction or
     *     batch size
     */
    public final void merge(LossState later) {
        if (later == this || !evaluator.sameAs(later.evaluator)) {
            throw new IllegalArgumentException("cannot merge a state of " + later.evaluator + " into one of " + evaluator);
        }
        tally.merge(later.tally);
        mergeShape(later);
    }

    abstract void mergeShape(LossState later);

    /**
     * The result over every sample added or merged, with the details counted on the way. A
     * batch loss evaluates its open batch first.
     */
    public final LossResult finish() {
        LossResult r = result();
        Map<String, Long> details = new LinkedHashMap<>(tally.details());
        for (Map.Entry<String, Long> d : r.details().entrySet()) {
            details.put(d.getKey(), details.getOrDefault(d.getKey(), 0L) + d.getValue());
        }
        return new LossResult(r.value(), r.values(), r.count(), details);
    }

    abstract LossResult result();

    /** Each distinct warning the loss reported, with how many times; complete after {@link #finish}. */
    public Map<String, Long> warnings() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tally.warnings()));
    }

    /**
     * The state as bytes, for {@link Evaluator#decode} of an evaluator of the same loss,
     * parameters, reduction and batch size. A batch loss evaluates its open batch first.
     */
    public final byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        settle();   // before the tally is written: it counts what settling computes
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            tally.encode(out);
            encodeShape(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** Computes what is still pending (a batch loss's open batch), before the state is written. */
    void settle() {
    }

    abstract void encodeShape(DataOutput out) throws IOException;
}
