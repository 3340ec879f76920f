package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import java.util.Set;

/**
 * Multi-class (Crammer–Singer) hinge: ℓ = max(0, 1 + max_{c≠k} x_c − x_k) for class k. Agrees with
 * sklearn {@code hinge_loss} (multi-class) and with keras {@code CategoricalHinge} for one-hot
 * targets whenever some other class scores ≥ 0 (keras takes its maximum over (1 − y)·x, which counts
 * the true class as a 0 score).
 */
public final class CategoricalHinge implements LossDefinition {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("categorical-hinge", "classification")
            .summary("multi-class (Crammer–Singer) hinge loss")
            .formula("ℓ = max(0, 1 + max_{c≠k} x_c − x_k)")
            .roles(Roles.CLASS_PRED, Roles.HARD_CLASS_TARGET).weighted()
            .reference("keras CategoricalHinge, sklearn hinge_loss (multi-class)")
            .notes("The maximum is over the other classes only, as LOSSES.md and sklearn define it; keras's "
                    + "max((1 − y)·x) also sees a 0 for the true class and so differs when every other score is "
                    + "negative. The target is one class: an index, a name or a one-hot vector. With one class "
                    + "there is no other score and ℓ = 0.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return (PerSampleLoss) (sample, tally) -> {
            double[] x = ClassTargets.pred(sample, "hinge");
            int k = ClassTargets.index(sample, x.length);
            double other = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < x.length; c++) {
                if (c != k) {
                    other = Math.max(other, x[c]);
                }
            }
            return Math.max(0.0, 1.0 + other - x[k]);
        };
    }
}
