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
}
