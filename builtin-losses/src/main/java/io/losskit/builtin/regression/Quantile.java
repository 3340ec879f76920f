package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Quantile (pinball) loss: ℓᵢ = max(q·(y − ŷ), (q − 1)·(y − ŷ)).
 *
 * <p>Agrees with sklearn {@code mean_pinball_loss(alpha=q)}.
 */
public final class Quantile extends ElementwiseLoss {

    static final ParamSpec<Double> Q = ParamSpec.ofDouble("q", "0.5", "the quantile q predicted by pred")
            .above(0).below(1);

    public Quantile() {
        super(regression("quantile")
                .aliases("pinball")
                .summary("quantile (pinball) loss of a prediction of the q-quantile")
                .formula("ℓᵢ = max(q·(y − ŷ), (q − 1)·(y − ŷ))")
                .params(Q)
                .reference("sklearn mean_pinball_loss (alpha = q)")
                .notes("Under-prediction (ŷ < y) costs q per unit, over-prediction 1 − q; q = 0.5 gives half the "
                        + "absolute error. Vectors: ℓᵢ is the mean over the sample's elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double q = params.get(Q);
        return elementwise((p, t) -> {
            double r = t - p;
            return Math.max(q * r, (q - 1.0) * r);
        });
    }
}
