package io.losskit.builtin.classification;

import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.Sample;

/**
 * ArcFace: z_k = s·cos(θ_k + m) when cos θ_k &gt; cos(π − m), else InsightFace's fallback
 * s·(cos θ_k − sin(π − m)·m); with easy margin, s·cos(θ_k + m) when cos θ_k &gt; 0, else s·cos θ_k;
 * z_c = s·cos θ_c; ℓ = cross-entropy(z, k). cos(θ + m) is computed as cos θ·cos m − sin θ·sin m with
 * sin θ = √(1 − cos²θ), as InsightFace's {@code ArcMarginProduct}. Agrees with Deng et al., ArcFace,
 * CVPR 2019.
 */
public final class ArcFace extends MarginSoftmax {

    static final ParamSpec<Double> S = ParamSpec.ofDouble("s", "64", "the scale").above(0);

    static final ParamSpec<Double> M = ParamSpec.ofDouble("m", "0.5", "the additive angular margin, in radians")
            .atLeast(0).below(Math.PI);

    static final ParamSpec<Boolean> EASY_MARGIN = ParamSpec.ofBoolean("easy-margin", "false",
            "true: apply the margin only where cos θ_k > 0, else use cos θ_k");

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("arcface", "classification")
            .summary("additive angular margin softmax (ArcFace)")
            .formula("z_k = s·cos(θ_k + m) if cos θ_k > cos(π − m), else s·(cos θ_k − sin(π − m)·m); "
                    + "z_c = s·cos θ_c; ℓ = −log softmax(z)_k")
            .roles(Roles.CLASS_PRED, Roles.HARD_CLASS_TARGET).weighted()
            .params(S,
                    M,
                    EASY_MARGIN)
            .reference("Deng et al. ArcFace 2019 (InsightFace's fallback)")
            .notes("Follows InsightFace's ArcMarginProduct: cos(θ + m) = cos θ·cos m − sin θ·sin m; where "
                    + "θ_k + m would pass π (cos θ_k ≤ cos(π − m)) the target logit falls back to "
                    + "cos θ_k − sin(π − m)·m, which keeps it decreasing in θ. With easy-margin the margin applies "
                    + "only where cos θ_k > 0." + CLAMP_NOTE)
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    Logits logits(Parameters params) {
        double s = params.get(S);
        double m = params.get(M);
        boolean easy = params.get(EASY_MARGIN);
        double cosM = Math.cos(m);
        double sinM = Math.sin(m);
        double threshold = Math.cos(Math.PI - m);
        double fallback = Math.sin(Math.PI - m) * m;
        return new Logits() {
            @Override
            public double target(double cos, Sample sample) {
                double sin = Math.sqrt(Math.max(0.0, 1.0 - cos * cos));
                double phi = cos * cosM - sin * sinM;
                if (easy) {
                    return s * (cos > 0.0 ? phi : cos);
                }
                return s * (cos > threshold ? phi : cos - fallback);
            }

            @Override
            public double other(double cos, Sample sample) {
                return s * cos;
            }
        };
    }
}
