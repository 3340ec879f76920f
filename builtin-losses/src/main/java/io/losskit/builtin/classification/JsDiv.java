package io.losskit.builtin.classification;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import java.util.Set;

/**
 * Jensen–Shannon divergence, natural log: ℓ = ½·KL(P‖M) + ½·KL(Q‖M), M = ½(P + Q), with 0·log 0 = 0;
 * always finite, at most log 2. P and Q are first scaled to sum to 1, as scipy does. Agrees with
 * scipy {@code jensenshannon(p, q)²}.
 */
public final class JsDiv implements LossDefinition {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("js-div", "classification")
            .summary("Jensen–Shannon divergence (natural log)")
            .formula("ℓ = ½·KL(P‖M) + ½·KL(Q‖M), M = ½(P + Q), P = target, Q = pred")
            .roles(Roles.CLASS_PRED, Roles.CLASS_TARGET).weighted()
            .params(Input.param(Input.PROBS))
            .reference("scipy jensenshannon² (base e)")
            .notes("Like scipy.spatial.distance.jensenshannon, both vectors are divided by their sums first (a "
                    + "no-op for distributions); a vector summing to 0 is an input error. The value is the "
                    + "square of scipy's distance, in nats, between 0 and log 2. pred may also be logits "
                    + "(softmax) or log-probs. A class index or name as target is the one-hot distribution.")
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
            double[] q = input.probs(pred);
            double sp = total(p, "target");
            double sq = total(q, "pred");
            double loss = 0.0;
            for (int c = 0; c < p.length; c++) {
                double pc = p[c] / sp;
                double qc = q[c] / sq;
                double logm = Math.log(0.5 * (pc + qc));
                if (pc > 0.0) {
                    loss += 0.5 * pc * (Math.log(pc) - logm);
                }
                if (qc > 0.0) {
                    loss += 0.5 * qc * (Math.log(qc) - logm);
                }
            }
            return loss;
        };
    }

    private static double total(double[] v, String role) {
        double s = 0.0;
        for (double x : v) {
            s += x;
        }
        if (!(s > 0.0)) {
            throw new InvalidSampleException(role, "the probabilities sum to 0");
        }
        return s;
    }
}
