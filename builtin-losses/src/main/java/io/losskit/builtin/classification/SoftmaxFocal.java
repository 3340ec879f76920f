package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.Sample;
import java.util.Set;

/**
 * Multi-class (softmax) focal loss, Lin et al. 2017: ℓ = −α·w_k·(1 − p_k)^γ·log p_k for class k;
 * for a probability target y, ℓ = −α·Σ_c w_c·y_c·(1 − p_c)^γ·log p_c. With class weights w the
 * {@code mean} divides by Σ w_{kᵢ} for index targets (by the number of samples for probability
 * targets), as cross-entropy does, so that γ = 0, α = 1 is exactly cross-entropy. 1 − p_c is
 * computed as −expm1(log p_c), exact when p_c is near 1.
 */
public final class SoftmaxFocal implements LossDefinition {

    static final ParamSpec<Double> ALPHA = ParamSpec.ofDouble("alpha", "1.0", "α, a global factor").atLeast(0);

    static final ParamSpec<Double> GAMMA = ParamSpec.ofDouble("gamma", "2.0", "γ, the focusing exponent").atLeast(0);

    static final ParamSpec<double[]> CLASS_WEIGHTS = ParamSpec.ofDoubles("class-weights", null,
            "w₀,w₁,…: one weight per class (default: all 1)").atLeast(0);

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("softmax-focal", "classification")
            .summary("multi-class focal loss on softmax probabilities")
            .formula("index k: ℓ = −α·w_k·(1 − p_k)^γ·log p_k; probabilities y: ℓ = −α·Σ_c w_c·y_c·(1 − p_c)^γ·log p_c")
            .roles(Roles.CLASS_PRED, Roles.CLASS_TARGET).weighted()
            .params(Input.param(Input.LOGITS),
                    ALPHA,
                    GAMMA,
                    CLASS_WEIGHTS)
            .reference("Lin et al. 2017, multi-class form")
            .notes("No library defines this loss; it is the paper's formula. With class-weights, mean divides by "
                    + "the sum of the targets' class weights (index targets) as torch's weighted cross-entropy "
                    + "does, so softmax-focal with γ = 0 and α = 1 equals cross-entropy with the same weights. "
                    + "Probability targets (one-hot or soft vectors) weight each class term and mean divides by "
                    + "the number of samples. input=probs clamps log p at −100.")
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
        double[] weights = params.isSet(CLASS_WEIGHTS) ? params.get(CLASS_WEIGHTS) : null;
        return RatioAccumulator.loss(sample -> term(sample, input, alpha, gamma, weights));
    }

    private static RatioAccumulator.Term term(Sample sample, Input input, double alpha, double gamma,
                                              double[] weights) {
        double[] pred = ClassTargets.pred(sample, "focal");
        int classes = pred.length;
        ClassTargets.checkWeights(weights, classes);
        double[] logp = input.logProbs(pred);
        if (ClassTargets.isSoft(sample)) {
            double[] y = ClassTargets.soft(sample, classes);
            double loss = 0.0;
            for (int c = 0; c < classes; c++) {
                if (y[c] != 0.0) {
                    loss += weight(weights, c) * y[c] * focal(logp[c], gamma);
                }
            }
            return new RatioAccumulator.Term(alpha * loss, 1.0);
        }
        int k = ClassTargets.checkIndex(sample.classIndex("target"), classes);
        double wk = weight(weights, k);
        return new RatioAccumulator.Term(alpha * wk * focal(logp[k], gamma), wk);
    }

    /** −(1 − p)^γ·log p from log p. */
    private static double focal(double logp, double gamma) {
        return -Math.pow(-Math.expm1(logp), gamma) * logp;
    }

    private static double weight(double[] weights, int c) {
        return weights == null ? 1.0 : weights[c];
    }
}
