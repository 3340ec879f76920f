package io.losskit.builtin.classification;

import io.losskit.spi.AggregateLoss;
import io.losskit.spi.ColumnAccumulator;
import io.losskit.spi.Columns;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Set;

/**
 * Perplexity: value = exp(Σwᵢℓᵢ / Σwᵢ) with ℓᵢ the softmax cross-entropy of token i (each record
 * is a token), i.e. exp of {@link CrossEntropy}'s mean, with the same parameters: class weights
 * divide by Σ w_{kᵢ} and {@code ignore-index} leaves padding tokens out, as torch does.
 *
 * <p>Agrees with {@code torch.exp(torch.nn.functional.cross_entropy(logits, targets))}.
 */
public final class Perplexity implements LossDefinition {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("perplexity", "classification")
            .summary("perplexity: exp of the mean token cross-entropy")
            .formula("value = exp(Σwᵢℓᵢ / Σwᵢ), ℓᵢ = −log softmax(xᵢ)_{kᵢ} (cross-entropy per token)")
            .roles(Roles.CLASS_PRED, Roles.CLASS_TARGET).weighted()
            .params(Input.param(Input.LOGITS), CrossEntropy.CLASS_WEIGHTS, CrossEntropy.LABEL_SMOOTHING,
                    CrossEntropy.IGNORE_INDEX)
            .reductions(Reduction.MEAN)
            .reference("exp of torch cross_entropy")
            .notes("Each record is one token: pred its logits over the vocabulary, target the next token's index."
                    + " The exponent is cross-entropy's mean, with every cross-entropy parameter (see describe"
                    + " cross-entropy): ignore-index drops padding tokens from both sums. Natural log, so the"
                    + " value is a number of equally likely choices. Only reduction mean.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        AggregateLoss<RatioAccumulator> mean = RatioAccumulator.loss(CrossEntropy.terms(params));
        return new AggregateLoss<Exp>() {
            @Override
            public Exp newAccumulator(Reduction reduction) {
                return new Exp(mean.newAccumulator(Reduction.MEAN));
            }

            @Override
            public Exp decode(Reduction reduction, DataInput in) throws IOException {
                return new Exp(mean.decode(Reduction.MEAN, in));
            }
        };
    }

    /** Cross-entropy's mean, exponentiated at the end. */
    private static final class Exp implements ColumnAccumulator<Exp> {
        private final RatioAccumulator mean;

        Exp(RatioAccumulator mean) {
            this.mean = mean;
        }

        @Override
        public void add(Sample sample, double weight) {
            mean.add(sample, weight);
        }

        @Override
        public void add(Sample sample, double weight, Tally tally) {
            mean.add(sample, weight, tally);
        }

        @Override
        public int addAll(Columns columns, double[] weights, int from, int to) {
            return mean.addAll(columns, weights, from, to);
        }

        @Override
        public void merge(Exp later) {
            mean.merge(later.mean);
        }

        @Override
        public void encode(DataOutput out) throws IOException {
            mean.encode(out);
        }

        @Override
        public LossResult finish() {
            LossResult r = mean.finish();
            return LossResult.of(Math.exp(r.value()), r.count());
        }
    }
}
