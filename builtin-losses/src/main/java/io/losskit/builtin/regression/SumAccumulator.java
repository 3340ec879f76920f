package io.losskit.builtin.regression;

import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.Sample;

/**
 * The accumulator of the regression losses whose value is a function of two sums rather than a
 * mean of per-sample terms (rmse, l1, l2): S = Σwᵢ·tᵢ and W = Σwᵢ, both compensated, with tᵢ a
 * per-sample term. Mergeable: the sums of two parts add up to the sums of the whole.
 */
final class SumAccumulator implements Accumulator {

    /** The per-sample term tᵢ; throws {@link io.losskit.spi.InvalidSampleException} for bad values. */
    @FunctionalInterface
    interface Term {
        double of(Sample sample);
    }

    /** The loss value from S = Σwᵢ·tᵢ and W = Σwᵢ. */
    @FunctionalInterface
    interface Finisher {
        double value(double weightedSum, double totalWeight);
    }

    private final Term term;
    private final Finisher finisher;
    private final CompensatedSum weightedSum = new CompensatedSum();
    private final CompensatedSum totalWeight = new CompensatedSum();
    private long count;

    private SumAccumulator(Term term, Finisher finisher) {
        this.term = term;
        this.finisher = finisher;
    }

    /**
     * An aggregate loss whose accumulators sum {@code term} and finish with {@code finisher}; it
     * refuses a reduction that {@code descriptor} does not list.
     */
    static AggregateLoss loss(LossDescriptor descriptor, Term term, Finisher finisher) {
        return reduction -> {
            if (!descriptor.reductions().contains(reduction)) {
                throw new IllegalArgumentException(descriptor.id() + " does not support --reduction " + reduction.id());
            }
            return new SumAccumulator(term, finisher);
        };
    }

    @Override
    public void add(Sample sample, double weight) {
        double t = term.of(sample);
        weightedSum.add(weight * t);
        totalWeight.add(weight);
        count++;
    }

    @Override
    public void merge(Accumulator other) {
        if (!(other instanceof SumAccumulator o) || o.term != term || o.finisher != finisher) {
            throw new IllegalArgumentException("cannot merge an accumulator of another loss");
        }
        weightedSum.add(o.weightedSum);
        totalWeight.add(o.totalWeight);
        count += o.count;
    }

    @Override
    public LossResult finish() {
        return LossResult.of(finisher.value(weightedSum.value(), totalWeight.value()), count);
    }
}
