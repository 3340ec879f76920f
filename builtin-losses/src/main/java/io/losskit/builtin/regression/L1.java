package io.losskit.builtin.regression;

import io.losskit.spi.Loss;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import java.util.Set;

/**
 * L1 loss as a plain sum: value = Σᵢ wᵢ Σⱼ |dᵢⱼ| over every element of every sample, d = ŷ − y.
 *
 * <p>Agrees with torch {@code l1_loss(reduction='sum')} (unweighted).
 */
public final class L1 extends ElementwiseLoss {

    public L1() {
        super(regression("l1")
                .summary("sum of absolute errors over all elements")
                .formula("value = Σᵢ wᵢ Σⱼ |dᵢⱼ|, d = ŷ − y")
                .reductions(Reduction.MEAN, Reduction.SUM)
                .reference("torch l1_loss(reduction='sum'); seed: \"L1 = sum of |d|\"")
                .notes("The reduction is fixed to a sum: mean and sum both give Σ|d| over all elements of all "
                        + "samples (a vector sample contributes the sum, not the mean, of its elements); none is "
                        + "refused. For the mean absolute error use mae. A sample weight wᵢ multiplies each of "
                        + "the sample's element terms |dᵢⱼ|.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return SumAccumulator.loss(descriptor(), summed((p, t) -> Math.abs(p - t)), (s, w) -> s);
    }
}
