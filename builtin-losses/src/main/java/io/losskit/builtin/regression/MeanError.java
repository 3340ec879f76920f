package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Mean (signed) error, or bias: ℓᵢ = d, d = ŷ − y. Positive when the model over-predicts.
 *
 * <p>No library defines it as a loss; it is the plain mean of the residuals ŷ − y.
 */
public final class MeanError extends ElementwiseLoss {

    public MeanError() {
        super(regression("me")
                .aliases("bias")
                .summary("mean signed error (bias); positive when predictions are too high")
                .formula("ℓᵢ = d, d = ŷ − y")
                .reference("the mean of the residuals ŷ − y (no library loss)")
                .notes("The sign convention is d = ŷ − y, so over-prediction is positive. "
                        + "Vectors: ℓᵢ is the mean of d over the sample's elements. "
                        + "Not a loss to minimise: it can be 0 while every prediction is wrong.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return elementwise((p, t) -> p - t);
    }
}
