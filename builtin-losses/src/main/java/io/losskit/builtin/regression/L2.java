package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import java.util.Set;

/**
 * L2 loss as the Euclidean norm of all errors: value = √(Σᵢ wᵢ Σⱼ dᵢⱼ²), d = ŷ − y.
 *
 * <p>Agrees with torch {@code linalg.vector_norm} of all differences (unweighted).
 */
public final class L2 extends ElementwiseLoss {

    public L2() {
        super(regression("l2")
                .summary("Euclidean norm of all errors")
                .formula("value = √(Σᵢ wᵢ Σⱼ dᵢⱼ²), d = ŷ − y")
                .reductions(Reduction.MEAN, Reduction.SUM)
                .reference("torch linalg.vector_norm(ŷ − y); seed: \"L2 = sqrt of the sum of squares\"")
                .notes("One norm over all elements of all samples: mean and sum both give it, none is refused. "
                        + "For a mean of squares use mse or rmse. A sample weight wᵢ multiplies each of the "
                        + "sample's squared terms dᵢⱼ² under the root. The squares overflow beyond "
                        + "|d| ≈ 1e154 (the value is then +∞).")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return SumAccumulator.loss(descriptor(), summed(SQUARED_ERROR),
                (s, w) -> Math.sqrt(s));
    }
}
