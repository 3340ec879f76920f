package io.losskit.builtin.classification;

import io.losskit.spi.AggregateLoss;
import io.losskit.spi.ColumnAccumulator;
import io.losskit.spi.Columns;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.ValueList;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * The reduction of losses whose {@code mean} is not Σwᵢℓᵢ / Σwᵢ: each sample gives a loss ℓᵢ and
 * a denominator share dᵢ (its class weight w_{yᵢ}, as torch's weighted cross-entropy divides by
 * Σ w_{yᵢ}), or is ignored altogether ({@code ignore-index}). With sample weights ωᵢ:
 * {@code mean} = Σωᵢℓᵢ / Σωᵢdᵢ, {@code sum} = Σωᵢℓᵢ, {@code none} = every ℓᵢ (0 for an ignored
 * sample, as torch). The state is the two compensated sums, the count and (none) the values.
 */
final class RatioAccumulator implements ColumnAccumulator<RatioAccumulator> {

    /** One sample's loss and its share of the denominator. */
    record Term(double loss, double denominator) {
    }

    /** Computes a sample's term, or {@code null} when the sample is ignored. */
    @FunctionalInterface
    interface TermFunction {
        Term term(Sample sample);

        /**
         * The terms of rows {@code from … to−1} into {@code loss} and {@code denominator} (NaN
         * for an ignored row), as {@link #term} gives them, stopping at the first row it refuses
         * or leaves to {@link #term}: that row, or {@code to}. The default leaves every row.
         */
        default int terms(Columns columns, int from, int to, double[] loss, double[] denominator) {
            return from;
        }
    }

    /** The aggregate loss whose samples give {@code function}'s terms. */
    static AggregateLoss<RatioAccumulator> loss(TermFunction function) {
        return new Ratio(function);
    }

    private record Ratio(TermFunction function) implements AggregateLoss<RatioAccumulator> {
        @Override
        public RatioAccumulator newAccumulator(Reduction reduction) {
            return new RatioAccumulator(reduction, function, new CompensatedSum(), new CompensatedSum(), 0,
                    reduction == Reduction.NONE ? new ValueList() : null);
        }

        @Override
        public RatioAccumulator decode(Reduction reduction, DataInput in) throws IOException {
            return new RatioAccumulator(reduction, function, CompensatedSum.decode(in), CompensatedSum.decode(in),
                    in.readLong(), reduction == Reduction.NONE ? ValueList.decode(in) : null);
        }
    }

    private final Reduction reduction;
    private final TermFunction function;
    private final CompensatedSum numerator;
    private final CompensatedSum denominator;
    private long count;
    private final ValueList values;
    /** The terms of a batch ({@link #addAll}). */
    private double[] losses = new double[0];
    private double[] shares = new double[0];

    private RatioAccumulator(Reduction reduction, TermFunction function, CompensatedSum numerator,
                             CompensatedSum denominator, long count, ValueList values) {
        this.reduction = reduction;
        this.function = function;
        this.numerator = numerator;
        this.denominator = denominator;
        this.count = count;
        this.values = values;
    }

    @Override
    public void add(Sample sample, double weight) {
        Term term = function.term(sample);
        add(term == null ? 0.0 : term.loss(), term == null ? Double.NaN : term.denominator(), weight);
    }

    /** A term, or an ignored sample when {@code share} is NaN. */
    private void add(double loss, double share, double weight) {
        boolean ignored = Double.isNaN(share);
        if (values != null) {
            values.add(loss + 0.0); // + 0.0: no "-0.0" in the output
        }
        if (ignored) {
            return;
        }
        count++;
        if (weight != 0.0) {
            // A zero weight takes the sample out, even when its loss is +∞.
            numerator.add(weight * loss);
            denominator.add(weight * share);
        }
    }

    @Override
    public int addAll(Columns columns, double[] weights, int from, int to) {
        if (losses.length < to) {
            losses = new double[columns.size()];
            shares = new double[columns.size()];
        }
        int end = function.terms(columns, from, to, losses, shares);
        for (int i = from; i < end; i++) {
            add(losses[i], shares[i], weights == null ? 1.0 : weights[i]);
        }
        return end;
    }

    @Override
    public void merge(RatioAccumulator later) {
        numerator.add(later.numerator);
        denominator.add(later.denominator);
        count += later.count;
        if (values != null) {
            values.addAll(later.values);
        }
    }

    @Override
    public LossResult finish() {
        return switch (reduction) {
            case MEAN -> LossResult.of(numerator.value() / denominator.value(), count);
            case SUM -> LossResult.of(numerator.value(), count);
            case NONE -> new LossResult(Double.NaN, values.toArray(), values.size(), Map.of());
        };
    }

    @Override
    public void encode(DataOutput out) throws IOException {
        numerator.encode(out);
        denominator.encode(out);
        out.writeLong(count);
        if (values != null) {
            values.encode(out);
        }
    }
}
