package io.losskit.spark;

import io.losskit.spi.CompensatedSum;
import io.losskit.spi.LossResult;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.nio.ByteBuffer;

/**
 * A per-sample loss's state under mean or sum: the count, Σw·ℓ and Σw, as the CLI reduces them.
 * Encoded in 24 bytes: the count and the two sums (their compensations are folded in).
 */
final class PerSampleEvaluation implements EvaluationState {

    static final int ENCODED_SIZE = 24;

    private static final Tally IGNORED = new Tally() {
        @Override
        public void count(String key, long n) {
        }

        @Override
        public void warn(String message) {
        }
    };

    private final PerSampleLoss loss;
    private final Reduction reduction;
    private final CompensatedSum weighted = new CompensatedSum();
    private final CompensatedSum weights = new CompensatedSum();
    private long count;

    PerSampleEvaluation(PerSampleLoss loss, Reduction reduction) {
        this.loss = loss;
        this.reduction = reduction;
    }

    PerSampleEvaluation(PerSampleLoss loss, Reduction reduction, byte[] bytes) {
        this(loss, reduction);
        if (bytes.length != ENCODED_SIZE) {
            throw new IllegalArgumentException("a per-sample state is " + ENCODED_SIZE + " bytes, not " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        count = in.getLong();
        weighted.add(in.getDouble());
        weights.add(in.getDouble());
    }

    @Override
    public void add(Sample sample, double weight) {
        double value = loss.loss(sample, IGNORED);
        count++;
        // w·ℓ with w = 0 and ℓ = ∞ is a sample that does not count, not NaN (as the CLI has it)
        weighted.add(weight == 0 ? 0 : weight * value);
        weights.add(weight);
    }

    @Override
    public void merge(EvaluationState later) {
        PerSampleEvaluation other = (PerSampleEvaluation) later;
        count += other.count;
        weighted.add(other.weighted);
        weights.add(other.weights);
    }

    @Override
    public LossResult finish() {
        double value = reduction == Reduction.SUM ? weighted.value() : weighted.value() / weights.value();
        return LossResult.of(value, count);
    }

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(ENCODED_SIZE).putLong(count).putDouble(weighted.value()).putDouble(weights.value())
                .array();
    }
}
