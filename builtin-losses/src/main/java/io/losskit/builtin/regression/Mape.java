package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Mean absolute percentage error: ℓᵢ = 100·|d| / max(|y|, ε), d = ŷ − y.
 *
 * <p>Agrees with keras {@code MeanAbsolutePercentageError} (ε = 1e-7, keras' backend epsilon) and
 * with 100 × sklearn {@code mean_absolute_percentage_error}.
 */
public final class Mape extends ElementwiseLoss {

    static final ParamSpec<Double> EPSILON = ParamSpec.ofDouble("epsilon", "1e-7",
            "floor ε on |y|, so that y = 0 gives a large finite term").above(0);

    public Mape() {
        super(regression("mape")
                .summary("mean absolute percentage error, in percent")
                .formula("ℓᵢ = 100·|d| / max(|y|, ε), d = ŷ − y")
                .params(EPSILON)
                .reference("keras MeanAbsolutePercentageError; 100 × sklearn mean_absolute_percentage_error")
                .notes("In percent (keras), not as a fraction (sklearn). A target of 0 gives 100·|ŷ|/ε, a very "
                        + "large term: mape is meant for targets well away from 0. Vectors: ℓᵢ is the mean over "
                        + "the sample's elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double epsilon = params.get(EPSILON);
        return elementwise((p, t) -> 100.0 * Math.abs(p - t) / Math.max(Math.abs(t), epsilon));
    }
}
