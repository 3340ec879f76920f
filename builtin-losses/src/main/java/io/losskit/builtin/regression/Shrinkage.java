package io.losskit.builtin.regression;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.Loss;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Shrinkage loss: ℓᵢ = l² / (1 + e^(a(c − l))), l = |d|, d = ŷ − y, computed as l²·σ(a(l − c)).
 *
 * <p>Lu, Wang, Wang, Chen, Liu, Yang: "Deep Regression Tracking with Shrinkage Loss", ECCV 2018
 * (no library defines it).
 */
public final class Shrinkage extends ElementwiseLoss {

    static final ParamSpec<Double> A = ParamSpec.ofDouble("a", "10",
            "a, the shrinkage speed (steepness of the sigmoid)").atLeast(0);

    static final ParamSpec<Double> C = ParamSpec.ofDouble("c", "0.2",
            "c, the localisation: errors well below c are shrunk").atLeast(0);

    public Shrinkage() {
        super(regression("shrinkage")
                .summary("shrinkage loss: squared error with easy (small) errors shrunk by a sigmoid")
                .formula("ℓᵢ = l² / (1 + e^(a(c − l))), l = |d|, d = ŷ − y")
                .params(A,
                        C)
                .reference("Lu et al., Deep Regression Tracking with Shrinkage Loss, ECCV 2018")
                .notes("Computed as l²·σ(a(l − c)) with a stable sigmoid, so large a·|l − c| neither "
                        + "overflows nor loses the factor. a = 0 gives l²/2. The paper's defaults a = 10, "
                        + "c = 0.2 assume errors of order 1 (it regresses values in [0, 1]); the paper's "
                        + "optional importance weight e^y is not applied (use the weight column). Vectors: ℓᵢ "
                        + "is the mean over the sample's elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double a = params.get(A);
        double c = params.get(C);
        return elementwise((p, t) -> {
            double l = Math.abs(p - t);
            return l * l * Numerics.sigmoid(a * (l - c));
        });
    }
}
