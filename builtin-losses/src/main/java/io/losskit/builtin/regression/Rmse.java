package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import java.util.Set;

/**
 * Root mean squared error: √(Σwᵢℓᵢ / Σwᵢ) with ℓᵢ = d² (the mean of d² over a vector sample's
 * elements), d = ŷ − y.
 *
 * <p>Agrees with sklearn {@code root_mean_squared_error} ({@code mean_squared_error(squared=False)})
 * on scalars, and on vectors with sklearn applied to the flattened arrays.
 */
public final class Rmse extends ElementwiseLoss {

    public Rmse() {
        super(regression("rmse")
                .summary("root mean squared error")
                .formula("value = √(Σwᵢℓᵢ / Σwᵢ), ℓᵢ = d², d = ŷ − y")
                .reductions(Reduction.MEAN)
                .reference("sklearn root_mean_squared_error (mean_squared_error(squared=False))")
                .notes("The root of the whole mean, not a mean of per-sample roots, so only --reduction mean "
                        + "is supported (sum and none are refused). Vectors: ℓᵢ is the mean of d² over the "
                        + "sample's elements, so with equal lengths the value is the root of the mean over all "
                        + "elements (sklearn on the flattened arrays; sklearn's default for 2-D input would "
                        + "instead average per-column roots). Weights as in mean: Σwᵢℓᵢ / Σwᵢ under the root.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return SumAccumulator.loss(descriptor(), elementwise(SQUARED_ERROR), (s, w) -> Math.sqrt(s / w));
    }
}
