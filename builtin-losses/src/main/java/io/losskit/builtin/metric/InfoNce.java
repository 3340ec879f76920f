package io.losskit.builtin.metric;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import java.util.Set;

/**
 * InfoNCE (NT-Xent, one-directional) over a batch of rows (aᵢ, pᵢ):
 * ℓᵢ = −log softmax_j(cos(aᵢ, pⱼ)/τ)ᵢ = logsumexp_j(cos(aᵢ, pⱼ)/τ) − cos(aᵢ, pᵢ)/τ.
 *
 * <p>Agrees with van den Oord, Li &amp; Vinyals 2018, and with torch
 * {@code cross_entropy(cos(a, p)/τ, arange(n))}.
 */
public final class InfoNce implements LossDefinition {

    static final ParamSpec<Double> TEMPERATURE = ParamSpec.ofDouble("temperature", "0.07", "the temperature τ").above(0);

    static final String ID = "info-nce";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(ID, "metric")
            .aliases("nt-xent")
            .summary("InfoNCE / NT-Xent (one-directional) over batches of anchor/positive rows")
            .formula("ℓᵢ = −log( e^(cos(aᵢ, pᵢ)/τ) / Σⱼ e^(cos(aᵢ, pⱼ)/τ) )")
            .roles(AnchorPositiveRows.ANCHOR, AnchorPositiveRows.POSITIVE)
            .params(TEMPERATURE)
            .reductions(Reduction.MEAN, Reduction.SUM)
            .reference("van den Oord, Li & Vinyals 2018 (one-directional)")
            .notes("Each row (anchor, positive) is one term; the candidates are the positives of every row of its "
                    + "batch of --batch-size rows (default: the whole input). One-directional: anchors against "
                    + "positives only (no positive-to-anchor term, no anchor-to-anchor negatives). "
                    + "mean = Σℓᵢ / rows, sum = Σℓᵢ; none is not offered. A zero vector has no cosine and is "
                    + "an input error. A batch of one row has a term of 0, with a warning.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double tau = params.get(TEMPERATURE);
        return (BatchLoss) (batch, tally) -> AnchorPositiveRows.evaluate(ID, batch, tally, true, (s, i) -> {
            for (int j = 0; j < s.length; j++) {
                s[j] /= tau;
            }
            return Numerics.logSumExp(s) - s[i];
        });
    }
}
