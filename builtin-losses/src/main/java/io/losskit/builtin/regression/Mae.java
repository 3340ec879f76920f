package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Mean absolute error: ℓᵢ = |d|, d = ŷ − y.
 *
 * <p>Agrees with torch {@code L1Loss} and keras {@code MeanAbsoluteError}.
 */
public final class Mae extends ElementwiseLoss {

    public Mae() {
        super(regression("mae")
                .summary("mean absolute error")
                .formula("ℓᵢ = |d|, d = ŷ − y")
                .reference("torch L1Loss, keras MeanAbsoluteError")
                .notes("Vectors: ℓᵢ is the mean of |d| over the sample's elements. "
                        + "Not to be confused with l1, which is the plain sum of |d| over all elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return elementwise((p, t) -> Math.abs(p - t));
    }
}
