package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Sigmoid focal loss: ℓ = α_t·(1 − p_t)^γ·bce, p_t = p·y + (1−p)(1−y), α_t = α·y + (1−α)(1−y),
 * and α &lt; 0 drops α_t; the mean over the labels of a multi-label sample. 1 − p_t is computed as
 * p·(1−y) + (1−p)·y with 1 − p = σ(−x) for logits, so it does not cancel at large |x|. Agrees with
 * torchvision {@code sigmoid_focal_loss} (Lin et al., ICCV 2017).
 */
public final class Focal implements LossDefinition {

    static final ParamSpec<Double> ALPHA = ParamSpec.ofDouble("alpha", "0.25",
            "α, the weight of the positive class; α < 0 disables α_t").atMost(1);

    static final ParamSpec<Double> GAMMA = ParamSpec.ofDouble("gamma", "2.0", "γ, the focusing exponent")
            .atLeast(0);

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("focal", "classification")
            .aliases("sigmoid-focal")
            .summary("sigmoid focal loss")
            .formula("ℓ = α_t·(1 − p_t)^γ·bce(p, y), p_t = p·y + (1−p)(1−y), α_t = α·y + (1−α)(1−y)")
            .roles(Roles.BINARY_PRED, Roles.BINARY_TARGET).weighted()
            .params(Input.param(Input.LOGITS),
                    ALPHA,
                    GAMMA)
            .reference("torchvision sigmoid_focal_loss; Lin et al. 2017")
            .notes("Follows torchvision.ops.sigmoid_focal_loss: bce is bce-logits of the logit (or bce of the "
                    + "probability with logs clamped at −100 for input=probs), α < 0 disables α_t, and γ = 0 "
                    + "with α < 0 is exactly bce. Soft labels y ∈ [0, 1] are allowed; a vector pred is "
                    + "multi-label and ℓ is the mean over its labels.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        Input input = Input.of(params);
        double alpha = params.get(ALPHA);
        double gamma = params.get(GAMMA);
        return BinaryElements.loss("softmax-focal", (x, target) -> {
            double y = BinaryElements.unitTarget(target);
            double bce = -(y * input.logP(x) + (1.0 - y) * input.log1mP(x));
            double oneMinusPt = input.p(x) * (1.0 - y) + input.oneMinusP(x) * y;
            double loss = bce * Math.pow(oneMinusPt, gamma);
            if (alpha >= 0.0) {
                loss *= alpha * y + (1.0 - alpha) * (1.0 - y);
            }
            return loss;
        });
    }
}
