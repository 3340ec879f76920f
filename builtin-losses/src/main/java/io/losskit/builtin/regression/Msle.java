package io.losskit.builtin.regression;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Mean squared logarithmic error: ℓᵢ = (log1p(ŷ) − log1p(y))²; a value ≤ −1 is an input error.
 *
 * <p>Agrees with sklearn {@code mean_squared_log_error} (and keras
 * {@code MeanSquaredLogarithmicError} for values ≥ 0).
 */
public final class Msle extends ElementwiseLoss {

    public Msle() {
        super(regression("msle")
                .summary("mean squared logarithmic error")
                .formula("ℓᵢ = (log1p(ŷ) − log1p(y))²")
                .reference("sklearn mean_squared_log_error, keras MeanSquaredLogarithmicError")
                .notes("A pred or target ≤ −1 (where log1p is undefined) is an input error naming that column. "
                        + "Values in (−1, 0) are computed by the formula; sklearn refuses them and keras clips "
                        + "pred and target to ≥ 0 first, so only values ≥ 0 agree with all three. Vectors: ℓᵢ is "
                        + "the mean over the sample's elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return elementwise((p, t) -> {
            double d = log1p("pred", p) - log1p("target", t);
            return d * d;
        });
    }

    private static double log1p(String role, double x) {
        if (x <= -1.0) {
            throw new InvalidSampleException(role, x + " is ≤ −1, where msle's log(1 + " + role + ") is undefined");
        }
        return Math.log1p(x);
    }
}
