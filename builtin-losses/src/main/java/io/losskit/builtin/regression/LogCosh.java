package io.losskit.builtin.regression;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.Loss;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Log-cosh loss: ℓᵢ = log(cosh d), d = ŷ − y, computed as |d| + log1p(e^(−2|d|)) − log 2 (and as
 * log1p(2·sinh²(d/2)) for |d| &lt; 1, where that form cancels); see {@link Numerics#logCosh}.
 *
 * <p>Agrees with keras {@code LogCosh}.
 */
public final class LogCosh extends ElementwiseLoss {

    public LogCosh() {
        super(regression("log-cosh")
                .summary("logarithm of the hyperbolic cosine of the error")
                .formula("ℓᵢ = log(cosh d) = |d| + log1p(e^(−2|d|)) − log 2, d = ŷ − y")
                .reference("keras LogCosh")
                .notes("Never overflows: huge errors give |d| − log 2. Below |d| = 1 it is computed as "
                        + "log1p(2·sinh²(d/2)), which keeps full relative precision near 0 (≈ d²/2) where "
                        + "keras' form loses it. Vectors: ℓᵢ is the mean over the sample's elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return elementwise((p, t) -> Numerics.logCosh(p - t));
    }
}
