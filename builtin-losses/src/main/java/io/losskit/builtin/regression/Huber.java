package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Huber loss: ℓᵢ = ½d² if |d| ≤ δ, else δ(|d| − ½δ), d = ŷ − y.
 *
 * <p>Agrees with torch {@code HuberLoss} (and keras {@code Huber}).
 */
public final class Huber extends ElementwiseLoss {

    static final ParamSpec<Double> DELTA = ParamSpec.ofDouble("delta", "1.0",
            "δ, where the loss turns from quadratic to linear").above(0);

    public Huber() {
        super(regression("huber")
                .summary("Huber loss: quadratic near 0, linear beyond delta")
                .formula("ℓᵢ = ½d² if |d| ≤ δ, else δ(|d| − ½δ), d = ŷ − y")
                .params(DELTA)
                .reference("torch HuberLoss, keras Huber")
                .notes("With δ = 1 it equals smooth-l1 with β = 1; in general huber = δ·smooth-l1(β = δ). "
                        + "The linear branch never squares d, so huge errors give finite values. Vectors: ℓᵢ is "
                        + "the mean over the sample's elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double delta = params.get(DELTA);
        return elementwise((p, t) -> {
            double a = Math.abs(p - t);
            return a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
        });
    }
}
