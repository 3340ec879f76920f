package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Tversky loss: ℓ = 1 − (TP + s)/(TP + α·FP + β·FN + s), TP = Σp·y, FP = Σp(1−y), FN = Σ(1−p)y.
 * α = β = ½ is Dice with smoothing 2s, α = β = 1 is Jaccard. Agrees with Salehi et al. 2017.
 */
public final class Tversky extends OverlapLoss {

    static final ParamSpec<Double> ALPHA = ParamSpec.ofDouble("alpha", "0.5", "α, the weight of false positives").atLeast(0);

    static final ParamSpec<Double> BETA = ParamSpec.ofDouble("beta", "0.5", "β, the weight of false negatives").atLeast(0);

    private static final LossDescriptor DESCRIPTOR = builder("tversky",
                    ALPHA,
                    BETA)
            .summary("Tversky loss (weighted false positives and negatives)")
            .formula("ℓ = 1 − (TP + s)/(TP + α·FP + β·FN + s), TP = Σp·y, FP = Σp(1−y), FN = Σ(1−p)y")
            .reference("Salehi et al. 2017")
            .notes("α = β = ½ is dice with smooth 2s; α = β = 1 is jaccard." + NOTES_TAIL)
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double a = params.get(ALPHA);
        double b = params.get(BETA);
        double s = params.get(SMOOTH);
        return overlapLoss(params, o -> oneMinus(o.tp() + s, o.tp() + a * o.fp() + b * o.fn() + s));
    }
}
