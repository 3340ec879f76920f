package com.example.losses;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import java.util.Set;

/**
 * A forecast whose shortfall costs k times its excess (a stock-out costs more than a left-over):
 * ℓᵢ = k·(y − ŷ)ᵖ when ŷ < y, (ŷ − y)ᵖ otherwise, p ∈ {1, 2}.
 *
 * <p>A per-sample loss: losskit applies the sample weights and the reduction. With p = 1 it is
 * (k + 1) times the pinball loss at q = k / (k + 1), so {@code k} is a price ratio where
 * {@code quantile} asks for a quantile.
 */
public final class AsymmetricCost implements LossDefinition {

    static final ParamSpec<Double> K = ParamSpec.ofDouble("k", "2", "the cost of one unit short relative to one unit over")
            .above(0);

    static final ParamSpec<Integer> P = ParamSpec.ofInt("p", "1", "the power of the error: 1 (linear cost) or 2 (squared)")
            .oneOf("1", "2");

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("asymmetric-cost", "regression")
            .summary("under-prediction costs k times over-prediction")
            .formula("ℓᵢ = k·(y − ŷ)ᵖ if ŷ < y, else (ŷ − y)ᵖ")
            .roles(RoleSpec.required("pred", RoleKind.NUMBER, "the forecast ŷ"),
                    RoleSpec.required("target", RoleKind.NUMBER, "the actual value y")).weighted()
            .params(K,
                    P)
            .reference("Granger 1969, \"Prediction with a generalized cost of error function\"; "
                    + "with p = 1, (k + 1) × sklearn mean_pinball_loss(alpha = k / (k + 1))")
            .notes("k = 1, p = 1 is the absolute error and k = 1, p = 2 the squared error.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double k = params.get(K);
        boolean squared = params.get(P) == 2;
        return (PerSampleLoss) (sample, tally) -> {
            double d = sample.number("target") - sample.number("pred");
            double cost = squared ? d * d : Math.abs(d);
            return d > 0 ? k * cost : cost;
        };
    }
}
