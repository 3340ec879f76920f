package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import java.util.Set;

/**
 * Multi-class margin loss: ℓ = Σ_{c≠k} max(0, margin − x_k + x_c)^p / C, p ∈ {1, 2}. Agrees with
 * torch {@code MultiMarginLoss} (without its per-class weight).
 */
public final class MultiMargin implements LossDefinition {

    static final ParamSpec<Double> MARGIN = ParamSpec.ofDouble("margin", "1.0", "the margin");

    static final ParamSpec<Integer> P = ParamSpec.ofInt("p", "1", "the exponent, 1 or 2").oneOf("1", "2");

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("multi-margin", "classification")
            .summary("multi-class margin (hinge) loss")
            .formula("ℓ = Σ_{c≠k} max(0, margin − x_k + x_c)^p / C")
            .roles(Roles.CLASS_PRED, Roles.HARD_CLASS_TARGET).weighted()
            .params(MARGIN,
                    P)
            .reference("torch MultiMarginLoss")
            .notes("Divides by the number of classes C, as torch does. The target is one class: an index, a "
                    + "name or a one-hot vector.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double margin = params.get(MARGIN);
        boolean squared = params.get(P) == 2;
        return (PerSampleLoss) (sample, tally) -> {
            double[] x = ClassTargets.pred(sample, "hinge");
            int k = ClassTargets.index(sample, x.length);
            double sum = 0.0;
            for (int c = 0; c < x.length; c++) {
                if (c != k) {
                    double h = Math.max(0.0, margin - x[k] + x[c]);
                    sum += squared ? h * h : h;
                }
            }
            return sum / x.length;
        };
    }
}
