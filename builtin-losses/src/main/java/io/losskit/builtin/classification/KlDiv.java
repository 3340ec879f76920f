package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import java.util.Set;

/**
 * Kullback–Leibler divergence of the prediction Q from the target distribution P:
 * ℓ = Σ_c P_c·(log P_c − log Q_c), terms with P_c = 0 being 0 and Q_c = 0 with P_c &gt; 0 giving +∞
 * (with a warning). {@code mean} over samples is torch's {@code kl_div(reduction='batchmean')};
 * agrees with keras {@code KLDivergence} without its clipping.
 */
public final class KlDiv implements LossDefinition {

    static final String INFINITE = "pred probability 0 where the target's is > 0: kl-div is +∞";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("kl-div", "classification")
            .aliases("kld", "kl-divergence")
            .summary("Kullback–Leibler divergence KL(target ‖ pred)")
            .formula("ℓ = Σ_c P_c·(log P_c − log Q_c), P = target, Q = pred, 0·log 0 = 0")
            .roles(Roles.CLASS_PRED, Roles.CLASS_TARGET).weighted()
            .params(Input.param(Input.PROBS))
            .reference("torch kl_div(reduction='batchmean'), keras KLDivergence (without its clipping)")
            .notes("ℓᵢ is the sum over classes, so mean is torch's 'batchmean'. Terms with P_c = 0 are 0; "
                    + "Q_c = 0 where P_c > 0 gives +∞ and a warning (no clamping, unlike keras). pred is "
                    + "probabilities by default, or log-probs, or logits (log-softmax). A class index or name as "
                    + "target is the one-hot distribution, so ℓ = −log Q_k. Neither distribution is renormalised.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        Input input = Input.of(params);
        return (PerSampleLoss) (sample, tally) -> {
            double[] pred = ClassTargets.pred(sample, null);
            double[] p = ClassTargets.distribution(sample, pred.length);
            double[] logq = input.logProbs(pred, false);
            double loss = 0.0;
            for (int c = 0; c < p.length; c++) {
                if (p[c] > 0.0) {
                    loss += p[c] * (Math.log(p[c]) - logq[c]);
                }
            }
            if (loss == Double.POSITIVE_INFINITY) {
                tally.warn(INFINITE);
            }
            return loss;
        };
    }
}
