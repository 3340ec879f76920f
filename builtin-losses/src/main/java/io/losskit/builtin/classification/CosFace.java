package io.losskit.builtin.classification;

import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.Sample;

/**
 * CosFace / AM-Softmax / LMCL: z_k = s·(cos θ_k − m), z_c = s·cos θ_c, ℓ = cross-entropy(z, k).
 * Agrees with Wang et al., CosFace, CVPR 2018.
 */
public final class CosFace extends MarginSoftmax {

    static final ParamSpec<Double> S = ParamSpec.ofDouble("s", "64", "the scale").above(0);

    static final ParamSpec<Double> M = ParamSpec.ofDouble("m", "0.35", "the additive cosine margin");

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("cosface", "classification")
            .aliases("am-softmax", "lmcl")
            .summary("additive cosine margin softmax (CosFace)")
            .formula("z_k = s·(cos θ_k − m), z_c = s·cos θ_c; ℓ = −log softmax(z)_k")
            .roles(Roles.CLASS_PRED, Roles.HARD_CLASS_TARGET).weighted()
            .params(S,
                    M)
            .reference("Wang et al. CosFace 2018")
            .notes("pred holds the cosines cos θ_c between the feature and each class weight." + CLAMP_NOTE)
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    Logits logits(Parameters params) {
        double s = params.get(S);
        double m = params.get(M);
        return new Logits() {
            @Override
            public double target(double cos, Sample sample) {
                return s * (cos - m);
            }

            @Override
            public double other(double cos, Sample sample) {
                return s * cos;
            }
        };
    }
}
