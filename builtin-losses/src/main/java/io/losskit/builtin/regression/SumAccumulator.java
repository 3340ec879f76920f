package io.losskit.builtin.regression;

import io.losskit.spi.AggregateLoss;
import io.losskit.spi.ColumnAccumulator;
import io.losskit.spi.Columns;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The state of the regression losses whose value is a function of two sums rather than a mean of
 * per-sample terms (rmse, l1, l2): S = Σwᵢ·tᵢ and W = Σwᵢ, both compensated, with tᵢ a per-sample
 * term, and the number of samples. Mergeable: the sums of two parts add up to the sums of the
 * whole. A sample of weight 0 adds to neither sum (even when tᵢ is +∞).
 */
final class SumAccumulator implements ColumnAccumulator<SumAccumulator> {

    /** The loss value from S = Σwᵢ·tᵢ and W = Σwᵢ. */
    @FunctionalInterface
    interface Finisher {
        double value(double weightedSum, double totalWeight);
    }

    private final Sums loss;
    private final CompensatedSum weightedSum;
    private final CompensatedSum totalWeight;
    private long count;
    /** The terms of a batch ({@link #addAll}). */
    private double[] terms = new double[0];

    private SumAccumulator(Sums loss, CompensatedSum weightedSum, CompensatedSum totalWeight, long count) {
        this.loss = loss;
        this.weightedSum = weightedSum;
        this.totalWeight = totalWeight;
        this.count = count;
    }

    /**
     * An aggregate loss whose accumulators sum {@code term} and finish with {@code finisher}; it
     * refuses a reduction that {@code descriptor} does not list.
     */
    static AggregateLoss<SumAccumulator> loss(LossDescriptor descriptor, ElementwiseLoss.Elementwise term, Finisher finisher) {
        return new Sums(descriptor, term, finisher);
    }

    private record Sums(LossDescriptor descriptor, ElementwiseLoss.Elementwise term, Finisher finisher) implements AggregateLoss<SumAccumulator> {
        @Override
        public SumAccumulator newAccumulator(Reduction reduction) {
            if (!descriptor.reductions().contains(reduction)) {
                throw new IllegalArgumentException(descriptor.id() + " does not support reduction " + reduction.id());
            }
            return new SumAccumulator(this, new CompensatedSum(), new CompensatedSum(), 0);
        }

        @Override
        public SumAccumulator decode(Reduction reduction, DataInput in) throws IOException {
            return new SumAccumulator(this, CompensatedSum.decode(in), CompensatedSum.decode(in), in.readLong());
        }
    }

    @Override
    public void add(Sample sample, double weight) {
        add(loss.term().of(sample), weight);
    }

    private void add(double term, double weight) {
        count++;
        if (weight != 0) {
            weightedSum.add(weight * term);
            totalWeight.add(weight);
        }
    }

    @Override
    public int addAll(Columns columns, double[] weights, int from, int to) {
        if (terms.length < to) {
            terms = new double[columns.size()];
        }
        int end = loss.term().losses(columns, from, to, terms);
        if (weights != null) {
            for (int i = from; i < end; i++) {
                add(terms[i], weights[i]);
            }
            return end;
        }
        for (int i = from; i < end; i++) {
            weightedSum.add(terms[i]);   // w·t with w = 1
        }
        count += end - from;
        totalWeight.addOnes(end - from);
        return end;
    }

    @Override
    public void merge(SumAccumulator later) {
        weightedSum.add(later.weightedSum);
        totalWeight.add(later.totalWeight);
        count += later.count;
    }

    @Override
    public LossResult finish() {
        return LossResult.of(loss.finisher().value(weightedSum.value(), totalWeight.value()), count);
    }

    @Override
    public void encode(DataOutput out) throws IOException {
        weightedSum.encode(out);
        totalWeight.encode(out);
        out.writeLong(count);
    }
}
