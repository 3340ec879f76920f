package io.losskit.builtin.classification;

import io.losskit.spi.LossDefinition;
import java.util.List;

/** The classification losses of the built-in pack, in the order of LOSSES.md. */
public final class ClassificationLosses {

    private ClassificationLosses() {
    }

    /** Every classification loss, the margin-based softmax losses last. */
    public static List<LossDefinition> all() {
        return List.of(
                Bce.bce(),
                Bce.bceLogits(),
                new BalancedBce(),
                CrossEntropy.crossEntropy(),
                CrossEntropy.weightedCrossEntropy(),
                CrossEntropy.nll(),
                new Focal(),
                new SoftmaxFocal(),
                Hinge.hinge(),
                Hinge.squaredHinge(),
                new CategoricalHinge(),
                new MultiMargin(),
                new SoftMargin(),
                new KlDiv(),
                new JsDiv(),
                new Dice(),
                new Tversky(),
                new Jaccard(),
                new CosFace(),
                new ArcFace(),
                SphereFace.sphereFace(),
                SphereFace.largeMarginSoftmax(),
                new Brier(),
                new ZeroOne(),
                new TopKError(),
                new Perplexity());
    }

    /**
     * The loss whose id or alias is {@code name}, made alone, or null when none of these is: the
     * same names as the descriptors of {@link #all()} give (a test compares them).
     */
    public static LossDefinition find(String name) {
        return switch (name) {
            case "bce", "binary-cross-entropy", "log-loss" -> Bce.bce();
            case "bce-logits", "sigmoid-cross-entropy" -> Bce.bceLogits();
            case "balanced-bce", "balanced-sigmoid-cross-entropy" -> new BalancedBce();
            case "cross-entropy", "softmax-cross-entropy", "categorical-cross-entropy" -> CrossEntropy.crossEntropy();
            case "weighted-cross-entropy" -> CrossEntropy.weightedCrossEntropy();
            case "nll" -> CrossEntropy.nll();
            case "focal", "sigmoid-focal" -> new Focal();
            case "softmax-focal" -> new SoftmaxFocal();
            case "hinge" -> Hinge.hinge();
            case "squared-hinge" -> Hinge.squaredHinge();
            case "categorical-hinge" -> new CategoricalHinge();
            case "multi-margin" -> new MultiMargin();
            case "soft-margin" -> new SoftMargin();
            case "kl-div", "kld", "kl-divergence" -> new KlDiv();
            case "js-div" -> new JsDiv();
            case "dice" -> new Dice();
            case "tversky" -> new Tversky();
            case "jaccard", "iou" -> new Jaccard();
            case "cosface", "am-softmax", "lmcl" -> new CosFace();
            case "arcface" -> new ArcFace();
            case "sphereface", "a-softmax" -> SphereFace.sphereFace();
            case "large-margin-softmax", "l-softmax" -> SphereFace.largeMarginSoftmax();
            case "brier" -> new Brier();
            case "zero-one", "error-rate" -> new ZeroOne();
            case "top-k-error" -> new TopKError();
            case "perplexity" -> new Perplexity();
            default -> null;
        };
    }
}
