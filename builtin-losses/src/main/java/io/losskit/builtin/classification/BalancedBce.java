package io.losskit.builtin.classification;

import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.ValueList;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Class-balanced binary cross-entropy (HED): ℓ = −β·y·log p − (1−β)·(1−y)·log(1−p), where β, by
 * default, is the fraction of negative targets in the whole input, Σ(1−y)/N over every element.
 *
 * <p>Because β is a statistic of the whole input this is an aggregate loss: the accumulator keeps
 * the sums of the two halves, −y·log p and −(1−y)·log(1−p), and applies β when it finishes (and,
 * under {@code none}, the two halves of each sample). With the sample's elements e and sample
 * weights ω: {@code mean} = Σᵢ ωᵢ Σₑ ℓₑ / Σᵢ ωᵢnᵢ (divides by the number of elements),
 * {@code sum} = Σᵢ ωᵢℓᵢ with ℓᵢ the mean over the sample's elements, {@code none} = every ℓᵢ.
 * Agrees with Xie &amp; Tu, HED, ICCV 2015, computed as torch's
 * {@code binary_cross_entropy_with_logits(pos_weight=β/(1−β))·(1−β)}.
 */
public final class BalancedBce implements LossDefinition {

    static final ParamSpec<Double> BETA = ParamSpec.ofDouble("beta", null,
            "β, the weight of the positive term (default: the fraction of negative targets)")
            .atLeast(0).atMost(1);

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("balanced-bce", "classification")
            .aliases("balanced-sigmoid-cross-entropy")
            .summary("class-balanced binary cross-entropy, β from the data")
            .formula("ℓ = −β·y·log p − (1−β)·(1−y)·log(1−p), β = Σ(1−y)/N over the whole input")
            .roles(Roles.BINARY_PRED, Roles.BINARY_TARGET).weighted()
            .params(Input.param(Input.LOGITS),
                    BETA)
            .reference("Xie & Tu, HED, ICCV 2015")
            .notes("β defaults to the fraction of negative targets over every element of the input, so the value "
                    + "needs the whole input. mean divides by the number of elements (weighted by the sample "
                    + "weights); a vector pred is multi-label and ℓᵢ (none, sum) is the mean over its labels. "
                    + "β is not weighted by the sample weights. Logs of probabilities are clamped at −100 as in bce.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        Input input = Input.of(params);
        Double beta = params.isSet(BETA) ? params.get(BETA) : null;
        return new Halves(input, beta);
    }

    /** The loss, configured: makes and reads back {@link Balanced} states. */
    private record Halves(Input input, Double beta) implements AggregateLoss<Balanced> {
        @Override
        public Balanced newAccumulator(Reduction reduction) {
            return new Balanced(reduction, this);
        }

        @Override
        public Balanced decode(Reduction reduction, DataInput in) throws IOException {
            Balanced b = new Balanced(reduction, this);
            b.count = in.readLong();
            b.elements = in.readLong();
            b.negatives = CompensatedSum.decode(in);
            b.positiveTotal = CompensatedSum.decode(in);
            b.negativeTotal = CompensatedSum.decode(in);
            b.positiveMeans = CompensatedSum.decode(in);
            b.negativeMeans = CompensatedSum.decode(in);
            b.weightedElements = CompensatedSum.decode(in);
            if (reduction == Reduction.NONE) {
                b.positiveValues = ValueList.decode(in);
                b.negativeValues = ValueList.decode(in);
            }
            return b;
        }
    }

    /** The two halves of the loss, kept apart until β is known. */
    private static final class Balanced implements Accumulator<Balanced> {
        private final Reduction reduction;
        private final Halves loss;
        private long count;
        private long elements;
        private CompensatedSum negatives = new CompensatedSum();
        // Σωᵢ·Σₑ (mean), Σωᵢ·meanₑ (sum), Σωᵢnᵢ: of the positive and the negative half.
        private CompensatedSum positiveTotal = new CompensatedSum();
        private CompensatedSum negativeTotal = new CompensatedSum();
        private CompensatedSum positiveMeans = new CompensatedSum();
        private CompensatedSum negativeMeans = new CompensatedSum();
        private CompensatedSum weightedElements = new CompensatedSum();
        private ValueList positiveValues;
        private ValueList negativeValues;

        Balanced(Reduction reduction, Halves loss) {
            this.reduction = reduction;
            this.loss = loss;
            boolean none = reduction == Reduction.NONE;
            this.positiveValues = none ? new ValueList() : null;
            this.negativeValues = none ? new ValueList() : null;
        }

        @Override
        public void add(Sample sample, double weight) {
            BinaryElements.Pairs pairs = BinaryElements.of(sample, null);
            int n = pairs.size();
            double positive = 0.0;
            double negative = 0.0;
            double negativeTargets = 0.0;
            for (int e = 0; e < n; e++) {
                double x = pairs.pred()[e];
                double y = BinaryElements.unitTarget(pairs.target()[e]);
                positive -= y * loss.input().logP(x);
                negative -= (1.0 - y) * loss.input().log1mP(x);
                negativeTargets += 1.0 - y;
            }
            count++;
            elements += n;
            negatives.add(negativeTargets);
            if (positiveValues != null) {
                positiveValues.add(positive / n);
                negativeValues.add(negative / n);
            }
            if (weight != 0.0) {
                positiveTotal.add(weight * positive);
                negativeTotal.add(weight * negative);
                positiveMeans.add(weight * positive / n);
                negativeMeans.add(weight * negative / n);
                weightedElements.add(weight * n);
            }
        }

        @Override
        public void merge(Balanced later) {
            negatives.add(later.negatives);
            elements += later.elements;
            positiveTotal.add(later.positiveTotal);
            negativeTotal.add(later.negativeTotal);
            positiveMeans.add(later.positiveMeans);
            negativeMeans.add(later.negativeMeans);
            weightedElements.add(later.weightedElements);
            count += later.count;
            if (positiveValues != null) {
                positiveValues.addAll(later.positiveValues);
                negativeValues.addAll(later.negativeValues);
            }
        }

        @Override
        public void encode(DataOutput out) throws IOException {
            out.writeLong(count);
            out.writeLong(elements);
            negatives.encode(out);
            positiveTotal.encode(out);
            negativeTotal.encode(out);
            positiveMeans.encode(out);
            negativeMeans.encode(out);
            weightedElements.encode(out);
            if (positiveValues != null) {
                positiveValues.encode(out);
                negativeValues.encode(out);
            }
        }

        /** β: the parameter, or the fraction of negative targets seen. */
        double beta() {
            return loss.beta() != null ? loss.beta() : negatives.value() / elements;
        }

        @Override
        public LossResult finish() {
            double b = beta();
            return switch (reduction) {
                case MEAN -> LossResult.of(combine(b, positiveTotal.value(), negativeTotal.value())
                        / weightedElements.value(), count);
                case SUM -> LossResult.of(combine(b, positiveMeans.value(), negativeMeans.value()), count);
                case NONE -> {
                    double[] v = new double[positiveValues.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = combine(b, positiveValues.get(i), negativeValues.get(i));
                    }
                    yield new LossResult(Double.NaN, v, v.length, Map.of());
                }
            };
        }

        private static double combine(double beta, double positive, double negative) {
            return beta * positive + (1.0 - beta) * negative;
        }
    }
}
