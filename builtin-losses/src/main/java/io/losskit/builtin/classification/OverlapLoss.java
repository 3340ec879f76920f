package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Sample;

/**
 * The soft-overlap losses of segmentation (dice, tversky, jaccard): sums over the sample's
 * elements of the predicted probabilities p and the targets y ∈ [0, 1] — TP = Σp·y,
 * FP = Σp·(1−y), FN = Σ(1−p)·y — turned into 1 − a smoothed overlap ratio. A ratio of 0/0 (smooth
 * 0, nothing predicted and nothing to find) is a perfect match, ℓ = 0.
 */
abstract class OverlapLoss implements LossDefinition {

    static final ParamSpec<Double> SMOOTH = ParamSpec.ofDouble("smooth", "1.0", "s, added to both sides of the ratio")
            .atLeast(0);

    static final String NOTES_TAIL = " Sums run over the elements of the sample (a segmentation mask, a "
            + "multi-label vector); pred is probabilities by default (logits: σ; log-probs: exp). Targets must "
            + "be in [0, 1]. When the denominator is 0 (smooth = 0 and an empty prediction and target) the "
            + "loss is 0, a perfect match.";

    /** The sums one sample gives. */
    record Overlap(double tp, double fp, double fn, double predSum, double targetSum) {
    }

    /** The descriptor's builder with the roles and the input/smooth parameters these losses share. */
    static LossDescriptor.Builder builder(String id, ParamSpec<?>... more) {
        ParamSpec<?>[] params = new ParamSpec<?>[more.length + 2];
        params[0] = Input.param(Input.PROBS);
        System.arraycopy(more, 0, params, 1, more.length);
        params[more.length + 1] = SMOOTH;
        return LossDescriptor.builder(id, "classification")
                .roles(Roles.BINARY_PRED, Roles.BINARY_TARGET).weighted()
                .params(params);
    }

    /** ℓ from a sample's sums. */
    @FunctionalInterface
    interface Ratio {
        double loss(Overlap o);
    }

    /** The loss of {@code ratio} over each sample, pred read by {@code params}' input. */
    static Loss overlapLoss(Parameters params, Ratio ratio) {
        Input input = Input.of(params);
        return (PerSampleLoss) (sample, tally) -> ratio.loss(overlap(sample, input));
    }

    /** 1 − (numerator / denominator), with 0/0 = 1 (a perfect match). */
    static double oneMinus(double numerator, double denominator) {
        return denominator == 0.0 && numerator == 0.0 ? 0.0 : 1.0 - numerator / denominator;
    }

    private static Overlap overlap(Sample sample, Input input) {
        BinaryElements.Pairs pairs = BinaryElements.of(sample, null);
        double tp = 0.0;
        double fp = 0.0;
        double fn = 0.0;
        double sp = 0.0;
        double sy = 0.0;
        for (int e = 0; e < pairs.size(); e++) {
            double p = input.p(pairs.pred()[e]);
            double q = input.oneMinusP(pairs.pred()[e]);
            double y = BinaryElements.unitTarget(pairs.target()[e]);
            tp += p * y;
            fp += p * (1.0 - y);
            fn += q * y;
            sp += p;
            sy += y;
        }
        return new Overlap(tp, fp, fn, sp, sy);
    }
}
