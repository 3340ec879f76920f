package io.losskit.builtin.classification;

import io.losskit.builtin.math.Values;
import io.losskit.spi.Accumulator;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.util.Map;

/**
 * The reduction of losses whose {@code mean} is not Σwᵢℓᵢ / Σwᵢ: each sample gives a loss ℓᵢ and
 * a denominator share dᵢ (its class weight w_{yᵢ}, as torch's weighted cross-entropy divides by
 * Σ w_{yᵢ}), or is ignored altogether ({@code ignore-index}). With sample weights ωᵢ:
 * {@code mean} = Σωᵢℓᵢ / Σωᵢdᵢ, {@code sum} = Σωᵢℓᵢ, {@code none} = every ℓᵢ (0 for an ignored
 * sample, as torch). Sums are compensated; accumulators merge in input order.
 */
final class RatioAccumulator implements Accumulator {

    /** One sample's loss and its share of the denominator. */
    record Term(double loss, double denominator) {
    }

    /** Computes a sample's term, or {@code null} when the sample is ignored. */
    @FunctionalInterface
    interface TermFunction {
        Term term(Sample sample);
    }

    private final Reduction reduction;
    private final TermFunction function;
    private final CompensatedSum numerator = new CompensatedSum();
    private final CompensatedSum denominator = new CompensatedSum();
    private final Values values;
    private long count;

    RatioAccumulator(Reduction reduction, TermFunction function) {
        this.reduction = reduction;
        this.function = function;
        this.values = reduction == Reduction.NONE ? new Values() : null;
    }

    @Override
    public void add(Sample sample, double weight) {
        Term term = function.term(sample);
        if (values != null) {
            values.add(term == null ? 0.0 : term.loss() + 0.0); // + 0.0: no "-0.0" in the output
        }
        if (term == null) {
            return;
        }
        count++;
        if (weight != 0.0) {
            // A zero weight takes the sample out, even when its loss is +∞.
            numerator.add(weight * term.loss());
            denominator.add(weight * term.denominator());
        }
    }

    @Override
    public void merge(Accumulator other) {
        RatioAccumulator o = (RatioAccumulator) other;
        numerator.add(o.numerator);
        denominator.add(o.denominator);
        count += o.count;
        if (values != null) {
            values.addAll(o.values);
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
}
