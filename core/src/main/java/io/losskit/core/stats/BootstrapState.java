package io.losskit.core.stats;

import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.LossStates;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.LossResult;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One loss's state with its Poisson bootstrap: the kernel's {@link LossState} of the records
 * themselves (the point value) and {@link Resampling#resamples() B} replicates in which record
 * {@code i} counts {@link Resampling#weight k(i, r)} times. Like a {@link LossState} it is fed with
 * {@link #add}, merged with {@link #merge}, read with {@link #finish} and shipped with
 * {@link #encode}; because the counts depend only on the seed, the record's ordinal and the
 * replicate, the replicates are the same however the input was split and merged.
 *
 * <p>A per-sample loss is computed once per record; its weighted value is spread into each
 * replicate's compensated sums (Σkwℓ and Σkw), 32 bytes a replicate. An aggregate loss keeps one
 * accumulator per replicate and each record is added to the replicates that draw it, with weight
 * k·w (k times, when the loss takes no weight): B times the work of the point value. A batch loss
 * cannot be resampled record by record (its value is a function of whole batches) and is
 * refused, as is reduction {@code none}, which has no reduced value to resample.
 */
public final class BootstrapState {

    private final Evaluator evaluator;
    private final Resampling resampling;
    private final LossState point;
    /** Per-sample loss: Σkwℓ and Σkw of each replicate. */
    private final SumReplicates sums;
    /** Aggregate loss: one kernel state per replicate. */
    private final LossState[] replicates;
    private LossStates alone;
    private byte[] counts;

    /**
     * An empty state.
     *
     * @throws IllegalArgumentException for a batch loss or reduction {@code none}
     */
    public BootstrapState(Evaluator evaluator, Resampling resampling) {
        this(evaluator, resampling, evaluator.newState(), null);
    }

    private BootstrapState(Evaluator evaluator, Resampling resampling, LossState point, DataInputStream in) {
        checkResamplable(evaluator);
        this.evaluator = evaluator;
        this.resampling = Objects.requireNonNull(resampling);
        this.point = point;
        int b = resampling.resamples();
        try {
            if (evaluator.shape() == PerSampleLoss.class) {
                sums = in == null ? new SumReplicates(resampling) : SumReplicates.decode(resampling, in);
                replicates = null;
            } else {
                sums = null;
                replicates = new LossState[b];
                for (int r = 0; r < b; r++) {
                    replicates[r] = in == null ? evaluator.newState() : evaluator.decode(in.readNBytes(in.readInt()));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a bootstrap state of " + evaluator + ": " + e, e);
        }
    }

    /**
     * Refuses what cannot be resampled record by record.
     *
     * @throws IllegalArgumentException for a batch loss or reduction {@code none}, saying why
     */
    public static void checkResamplable(Evaluator evaluator) {
        if (evaluator.shape() != PerSampleLoss.class && evaluator.shape() != AggregateLoss.class) {
            throw new IllegalArgumentException(evaluator + " is a batch loss: its value is a function of whole "
                    + "batches, which cannot be resampled record by record, so it has no bootstrap interval");
        }
        if (evaluator.reduction() == Reduction.NONE) {
            throw new IllegalArgumentException("reduction none gives no reduced value to resample");
        }
    }

    /** The evaluator. */
    public Evaluator evaluator() {
        return evaluator;
    }

    /** The resampling. */
    public Resampling resampling() {
        return resampling;
    }

    /** The state of the records themselves (what {@link LossState#finish} gives the point value of). */
    public LossState point() {
        return point;
    }

    /**
     * Adds one record.
     *
     * @param ordinal the record's position in the whole input (0 for the first record), which
     *     keys its counts: a split input's parts pass the ordinals the records have in the whole
     * @param weight the record's weight, ≥ 0
     * @throws io.losskit.spi.InvalidSampleException when the loss refuses the sample (the state is then as it was)
     */
    public void add(long ordinal, Sample sample, double weight) {
        if (alone == null) {
            alone = new LossStates(List.of(point), UnaryOperator.identity());
            counts = new byte[resampling.resamples()];
        }
        alone.add(sample, weight);
        if (sums == null) {
            resampling.weights(ordinal, counts);
        }
        spread(ordinal, counts, sample, alone.value(0), weight);
    }

    /**
     * Adds to the replicates a record that the point state has taken already.
     *
     * @param counts the record's count in each replicate, from {@link Resampling#weights} (unused
     *     for a per-sample loss, which draws them itself)
     * @param value what the per-sample loss gave the record (unused for an aggregate loss)
     */
    void spread(long ordinal, byte[] counts, Sample sample, double value, double weight) {
        double w = evaluator.takesWeight() ? weight : 1.0;
        if (sums != null) {
            // w·ℓ with w = 0 is a sample that adds nothing, even when ℓ is infinite (as in the kernel)
            sums.add(ordinal, w == 0 ? 0 : w * value, w);
            return;
        }
        for (int r = 0; r < replicates.length; r++) {
            int k = counts[r];
            if (k == 0) {
                continue;
            }
            if (evaluator.takesWeight()) {
                replicates[r].add(sample, k * w);
            } else {
                for (int i = 0; i < k; i++) {
                    replicates[r].add(sample, 1.0);
                }
            }
        }
    }

    /** Whether the replicates need each record's counts from the caller (an aggregate loss). */
    boolean needsCounts() {
        return sums == null;
    }

    /**
     * Folds in {@code later}, the state of the records after this one's (in any grouping: the
     * counts do not depend on it); {@code later} must not be used afterwards.
     *
     * @throws IllegalArgumentException when {@code later} has another loss, reduction or resampling
     */
    public void merge(BootstrapState later) {
        if (later == this || !later.resampling.equals(resampling)) {
            throw new IllegalArgumentException("cannot merge a bootstrap of " + later.resampling + " into one of " + resampling);
        }
        point.merge(later.point);
        if (sums != null) {
            sums.merge(later.sums);
        } else {
            for (int r = 0; r < replicates.length; r++) {
                replicates[r].merge(later.replicates[r]);
            }
        }
    }

    /** The point result and every replicate's value. */
    public BootstrapResult finish() {
        LossResult result = point.finish();
        double[] values = new double[resampling.resamples()];
        double[] totals = sums == null ? null : sums.totals();
        for (int r = 0; r < values.length; r++) {
            if (totals != null) {
                values[r] = evaluator.reduction() == Reduction.SUM ? totals[2 * r] : totals[2 * r] / totals[2 * r + 1];
            } else {
                values[r] = replicates[r].finish().value();
            }
        }
        return new BootstrapResult(result, values, resampling);
    }

    /** The state as bytes, for {@link #decode} with an evaluator of the same loss, parameters and reduction. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(resampling.resamples());
            out.writeLong(resampling.seed());
            writeBytes(out, point.encode());
            if (sums != null) {
                sums.encode(out);
            } else {
                for (LossState r : replicates) {
                    writeBytes(out, r.encode());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Reads back what {@link #encode} wrote.
     *
     * @throws IllegalArgumentException when {@code bytes} is not a bootstrap state of {@code evaluator}
     */
    public static BootstrapState decode(Evaluator evaluator, byte[] bytes) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            Resampling resampling = new Resampling(in.readInt(), in.readLong());
            LossState point = evaluator.decode(in.readNBytes(in.readInt()));
            BootstrapState state = new BootstrapState(evaluator, resampling, point, in);
            if (in.read() != -1) {
                throw new IllegalArgumentException("not a bootstrap state of " + evaluator + ": bytes left over");
            }
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a bootstrap state of " + evaluator + ": " + e, e);
        }
    }
}
