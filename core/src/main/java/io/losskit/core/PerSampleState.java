package io.losskit.core;

import io.losskit.spi.ColumnLoss;
import io.losskit.spi.Columns;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.LossResult;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.ValueList;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/** A per-sample loss: mean = Σwℓ / Σw, sum = Σwℓ (compensated), none = every ℓ. */
final class PerSampleState extends LossState {

    private final PerSampleLoss loss;
    private final Reduction reduction;
    private final CompensatedSum weighted;
    private final CompensatedSum weights;
    private ValueList values;
    private long count;

    PerSampleState(Evaluator evaluator, PerSampleLoss loss) {
        super(evaluator);
        this.loss = loss;
        this.reduction = evaluator.reduction();
        this.weighted = new CompensatedSum();
        this.weights = new CompensatedSum();
        this.values = reduction == Reduction.NONE && evaluator.keepsValues() ? new ValueList() : null;
    }

    PerSampleState(Evaluator evaluator, PerSampleLoss loss, DataInput in) throws IOException {
        super(evaluator);
        tally.decode(in);
        this.loss = loss;
        this.reduction = evaluator.reduction();
        this.count = in.readLong();
        this.weighted = CompensatedSum.decode(in);
        this.weights = CompensatedSum.decode(in);
        this.values = reduction == Reduction.NONE && evaluator.keepsValues() ? ValueList.decode(in) : null;
    }

    @Override
    double prepare(Sample sample) {
        return loss.loss(sample, tally);
    }

    @Override
    void commit(Sample sample, double value, double weight) {
        count++;
        if (values != null) {
            values.add(value);
        } else if (reduction != Reduction.NONE) {
            // w·ℓ with w = 0 and ℓ = ∞ is a sample that does not count, not NaN
            weighted.add(weight == 0 ? 0 : weight * value);
            weights.add(weight);
        }
    }

    @Override
    boolean takesColumns() {
        return loss instanceof ColumnLoss;
    }

    /** {@link #prepare} of rows {@code from … to−1} into {@code out}, as {@link ColumnLoss#losses}: the row it stopped at, or {@code to}. */
    int prepareAll(Columns columns, int from, int to, double[] out) {
        return ((ColumnLoss) loss).losses(columns, from, to, out);
    }

    /**
     * {@link #commit} of rows {@code 0 … n−1}, in order, but those with a {@code refused} entry.
     *
     * @param weights the rows' weights as {@link #weightOf} gives them, or null: every weight is 1
     * @param refused per row, what refused it, or null; null when no row is refused
     */
    void commitAll(double[] values, double[] weights, Object[] refused, int n) {
        if (weights != null || reduction == Reduction.NONE) {
            for (int i = 0; i < n; i++) {
                if (refused == null || refused[i] == null) {
                    commit(null, values[i], weights == null ? 1.0 : weights[i]);
                }
            }
            return;
        }
        long taken = 0;
        for (int i = 0; i < n; i++) {
            if (refused == null || refused[i] == null) {
                weighted.add(values[i]);   // w·ℓ with w = 1
                taken++;
            }
        }
        count += taken;
        this.weights.addOnes(taken);
    }

    @Override
    boolean commitCannotFail() {
        return true;
    }

    @Override
    void mergeShape(LossState later) {
        PerSampleState other = (PerSampleState) later;
        weighted.add(other.weighted);
        weights.add(other.weights);
        count += other.count;
        if (values != null) {
            values.addAll(other.values);
        }
    }

    @Override
    LossResult result() {
        return switch (reduction) {
            case NONE -> new LossResult(Double.NaN, values == null ? null : values.toArray(), count, Map.of());
            case SUM -> LossResult.of(weighted.value(), count);
            case MEAN -> LossResult.of(weighted.value() / weights.value(), count);
        };
    }

    @Override
    void encodeShape(DataOutput out) throws IOException {
        out.writeLong(count);
        weighted.encode(out);
        weights.encode(out);
        if (values != null) {
            values.encode(out);
        }
    }
}
