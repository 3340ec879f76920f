package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Smooth L1 loss: ℓᵢ = ½d²/β if |d| < β, else |d| − ½β, d = ŷ − y; β = 0 gives |d|.
 *
 * <p>Agrees with torch {@code SmoothL1Loss} (including its β = 0 case, which is {@code L1Loss}).
 */
public final class SmoothL1 extends ElementwiseLoss {

    static final ParamSpec<Double> BETA = ParamSpec.ofDouble("beta", "1.0",
            "β, where the loss turns from quadratic to linear; 0 gives the absolute error")
            .atLeast(0);

    public SmoothL1() {
        super(regression("smooth-l1")
                .summary("smooth L1 loss: quadratic below beta, |d| − beta/2 beyond")
                .formula("ℓᵢ = ½d²/β if |d| < β, else |d| − ½β, d = ŷ − y; β = 0 gives |d|")
                .params(BETA)
                .reference("torch SmoothL1Loss")
                .notes("smooth-l1(β) = huber(δ = β) / β for β > 0. Vectors: ℓᵢ is the mean over the sample's "
                        + "elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double beta = params.get(BETA);
        if (beta == 0.0) {
            return elementwise((p, t) -> Math.abs(p - t));
        }
        return elementwise((p, t) -> {
            double a = Math.abs(p - t);
            return a < beta ? 0.5 * a * a / beta : a - 0.5 * beta;
        });
    }
}
