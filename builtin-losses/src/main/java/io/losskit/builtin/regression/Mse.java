package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Mean squared error: ℓᵢ = d², d = ŷ − y.
 *
 * <p>Agrees with torch {@code MSELoss} and keras {@code MeanSquaredError}.
 */
public final class Mse extends ElementwiseLoss {

    public Mse() {
        super(regression("mse")
                .summary("mean squared error")
                .formula("ℓᵢ = d², d = ŷ − y")
                .reference("torch MSELoss, keras MeanSquaredError")
                .notes("Vectors: ℓᵢ is the mean of d² over the sample's elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return elementwise(SQUARED_ERROR);
    }
}
