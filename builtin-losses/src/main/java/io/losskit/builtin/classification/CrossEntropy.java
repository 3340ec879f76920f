package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.Columns;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.Sample;
import java.util.Set;

/**
 * Softmax cross-entropy, as torch's {@code CrossEntropyLoss(weight, label_smoothing,
 * ignore_index)}. With log p = log-softmax of the logits (or the clamped logs of probabilities, or
 * the log-probabilities as given), class weights w and label smoothing s over C classes:
 * <ul>
 *   <li>index target k: ℓ = (1−s)·w_k·(−log p_k) + (s/C)·Σ_c w_c·(−log p_c), and {@code mean}
 *       divides by Σ w_{kᵢ} (torch; LOSSES.md's y ← (1−s)y + s/C then ℓ·w_k would weight the
 *       smoothing term by w_k instead of w_c);</li>
 *   <li>probability target y: ℓ = −Σ_c w_c·y'_c·log p_c with y' = (1−s)y + s/C, and {@code mean}
 *       divides by the number of samples.</li>
 * </ul>
 * A sample whose index equals {@code ignore-index} adds nothing to either sum and is 0 under
 * {@code none}. Three definitions: {@code cross-entropy}, {@code weighted-cross-entropy} (class
 * weights required) and {@code nll} (log-probabilities by default, torch's {@code NLLLoss}).
 */
public final class CrossEntropy implements LossDefinition {

    static final ParamSpec<double[]> CLASS_WEIGHTS = ParamSpec.ofDoubles("class-weights", null,
            "w₀,w₁,…: one weight per class (default: all 1)").atLeast(0);
    /** The same parameter where the loss needs it (either reads it). */
    static final ParamSpec<double[]> REQUIRED_CLASS_WEIGHTS = ParamSpec.ofDoubles("class-weights", null,
            "w₀,w₁,…: one weight per class (required)").atLeast(0);

    static final ParamSpec<Double> LABEL_SMOOTHING = ParamSpec.ofDouble("label-smoothing", "0", "s: y ← (1−s)y + s/C")
            .atLeast(0).atMost(1);

    static final ParamSpec<Integer> IGNORE_INDEX = ParamSpec.ofInt("ignore-index", null,
            "a class index whose samples are left out (default: none)");

    private static final String FORMULA = "index k: ℓ = (1−s)·w_k·(−log p_k) + (s/C)·Σ_c w_c·(−log p_c), "
            + "mean = Σℓᵢ / Σw_{kᵢ}; probabilities y: ℓ = −Σ_c w_c·((1−s)y_c + s/C)·log p_c, mean = Σℓᵢ / N";
    private static final String NOTES = "Follows torch.nn.CrossEntropyLoss (weight, label_smoothing, "
            + "ignore_index) in float64. With class-weights and an index target, mean divides by the sum of the "
            + "targets' class weights (times the sample weights); with label-smoothing the uniform part is "
            + "weighted class by class, (1−s)·w_k·(−log p_k) + (s/C)·Σ_c w_c·(−log p_c), as PyTorch does — "
            + "LOSSES.md's reading, y ← (1−s)y + s/C then ℓ·w_k, differs when both are set, and PyTorch, the "
            + "named reference, wins. A target given as a vector (one-hot or soft labels) is a probability "
            + "target: the same per-sample values as the index target, but mean divides by the number of "
            + "samples, as PyTorch does for probability targets. Samples whose class index equals "
            + "ignore-index are left out of both sums (0 under none); ignore-index does not apply to "
            + "vector targets. input=probs clamps log p at −100; input=log-probs must be ≤ 0. A class index "
            + "outside [0, C), a target vector of another length than pred, or class-weights with another "
            + "number of entries than pred is an input error.";

    private final LossDescriptor descriptor;
    private final boolean weightsRequired;

    private CrossEntropy(LossDescriptor descriptor, boolean weightsRequired) {
        this.descriptor = descriptor;
        this.weightsRequired = weightsRequired;
    }

    /** {@code cross-entropy}: logits, class weights optional. */
    public static CrossEntropy crossEntropy() {
        return new CrossEntropy(descriptor("cross-entropy", Input.LOGITS, "softmax cross-entropy",
                "torch CrossEntropyLoss (weight, label_smoothing, ignore_index)", false,
                "softmax-cross-entropy", "categorical-cross-entropy"), false);
    }

    /** {@code weighted-cross-entropy}: cross-entropy whose class weights are required. */
    public static CrossEntropy weightedCrossEntropy() {
        return new CrossEntropy(descriptor("weighted-cross-entropy", Input.LOGITS,
                "softmax cross-entropy with class weights (required)",
                "seed: \"weighted softmax loss\"; torch CrossEntropyLoss(weight)", true), true);
    }

    /** {@code nll}: cross-entropy on log-probabilities. */
    public static CrossEntropy nll() {
        return new CrossEntropy(descriptor("nll", Input.LOG_PROBS, "negative log-likelihood of log-probabilities",
                "torch NLLLoss", false), false);
    }

    private static LossDescriptor descriptor(String id, Input input, String summary, String reference,
                                             boolean weightsRequired, String... aliases) {
        return LossDescriptor.builder(id, "classification")
                .aliases(aliases)
                .summary(summary)
                .formula(FORMULA)
                .roles(Roles.CLASS_PRED, Roles.CLASS_TARGET).weighted()
                .params(Input.param(input),
                        weightsRequired ? REQUIRED_CLASS_WEIGHTS : CLASS_WEIGHTS,
                        LABEL_SMOOTHING,
                        IGNORE_INDEX)
                .reference(reference)
                .notes(NOTES)
                .build();
    }

    @Override
    public LossDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        if (weightsRequired && !params.isSet(CLASS_WEIGHTS)) {
            throw new IllegalArgumentException(descriptor.id() + " needs class-weights, e.g. -P class-weights=1,2,0.5");
        }
        return RatioAccumulator.loss(terms(params));
    }

    /** The terms of cross-entropy with these parameters (input, class-weights, label-smoothing, ignore-index). */
    static RatioAccumulator.TermFunction terms(Parameters params) {
        return new Terms(Input.of(params), params.isSet(CLASS_WEIGHTS) ? params.get(CLASS_WEIGHTS) : null,
                params.get(LABEL_SMOOTHING), params.isSet(IGNORE_INDEX) ? params.get(IGNORE_INDEX) : null);
    }

    /** The terms of one configuration: a sample at a time, or rows of logit columns and class indices. */
    private record Terms(Input input, double[] weights, double smoothing, Integer ignore)
            implements RatioAccumulator.TermFunction {

        @Override
        public RatioAccumulator.Term term(Sample sample) {
            double[] pred = ClassTargets.pred(sample, input == Input.LOGITS ? "bce-logits" : input == Input.PROBS ? "bce" : null);
            int classes = pred.length;
            ClassTargets.checkWeights(weights, classes);
            double[] logp = input.logProbs(pred);
            if (ClassTargets.isSoft(sample)) {
                double[] y = ClassTargets.soft(sample, classes);
                double uniform = smoothing / classes;
                double loss = 0.0;
                for (int c = 0; c < classes; c++) {
                    double yc = (1.0 - smoothing) * y[c] + uniform;
                    if (yc != 0.0) {
                        loss -= weight(weights, c) * yc * logp[c];
                    }
                }
                return new RatioAccumulator.Term(loss, 1.0);
            }
            int k = sample.classIndex("target");
            if (ignore != null && k == ignore) {
                return null;
            }
            ClassTargets.checkIndex(k, classes);
            return new RatioAccumulator.Term(indexLoss(logp, k), weight(weights, k));
        }

        /**
         * The index-target rows, as {@link #term} gives them; a row {@code term} would refuse (a
         * class index out of range or not an integer, a probability outside [0, 1]) and every
         * probability target are left to it.
         */
        @Override
        public int terms(Columns columns, int from, int to, double[] loss, double[] denominator) {
            if (!columns.isVector("pred") || columns.isVector("target")) {
                return from;
            }
            double[][] pred = columns.columns("pred");
            int classes = pred.length;
            if (classes == 0 || (weights != null && weights.length != classes)) {
                return from;
            }
            double[] target = columns.column("target");
            double[] x = new double[classes];
            double[] buffer = new double[classes];
            int i = from;
            try {
                for (; i < to; i++) {
                    for (int c = 0; c < classes; c++) {
                        x[c] = pred[c][i];
                    }
                    double[] logp = input.logProbs(x, true, buffer);   // (which checks probabilities, ignored rows' too)
                    int k = (int) target[i];
                    if (k != target[i]) {
                        return i;
                    }
                    if (ignore != null && k == ignore) {
                        loss[i] = 0.0;
                        denominator[i] = Double.NaN;
                    } else if (k < 0 || k >= classes) {
                        return i;
                    } else {
                        loss[i] = indexLoss(logp, k);
                        denominator[i] = weight(weights, k);
                    }
                }
            } catch (InvalidSampleException e) {
                return i;
            }
            return i;
        }

        /** ℓ = (1−s)·w_k·(−log p_k) + (s/C)·Σ_c w_c·(−log p_c) of an index target k. */
        private double indexLoss(double[] logp, int k) {
            double loss = (1.0 - smoothing) * weight(weights, k) * -logp[k];
            if (smoothing > 0.0) {
                double smooth = 0.0;
                for (int c = 0; c < logp.length; c++) {
                    smooth -= weight(weights, c) * logp[c];
                }
                loss += (smoothing / logp.length) * smooth;
            }
            return loss;
        }
    }

    private static double weight(double[] weights, int c) {
        return weights == null ? 1.0 : weights[c];
    }
}
