package io.losskit.builtin.regression;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;

/**
 * The shape most regression losses share: ℓᵢ = f(ŷ, y) for scalars, and the mean of f over the
 * elements when pred and target are equal-length vectors (the Keras convention).
 */
abstract class ElementwiseLoss implements LossDefinition {

    static final RoleSpec PRED = RoleSpec.required("pred", RoleKind.NUMERIC, "the prediction ŷ (a number or a vector)");
    static final RoleSpec TARGET = RoleSpec.required("target", RoleKind.NUMERIC, "the true value y (same shape as pred)");
    static final RoleSpec WEIGHT = RoleSpec.optional("weight", RoleKind.NUMBER, "the sample weight wᵢ (default 1)");

    /** The loss of one element. */
    @FunctionalInterface
    interface ElementLoss {
        double apply(double pred, double target);
    }

    /** A per-sample loss that applies {@code f} element-wise and averages over a vector's elements. */
    static PerSampleLoss elementwise(ElementLoss f) {
        return (sample, tally) -> meanOver(sample, f);
    }

    /** f(ŷ, y) for scalars; the mean of f over the elements for vectors. */
    static double meanOver(Sample sample, ElementLoss f) {
        boolean predVector = sample.isVector("pred");
        if (predVector != sample.isVector("target")) {
            throw new InvalidSampleException("target", predVector
                    ? "a number where pred is a vector" : "a vector where pred is a number");
        }
        if (!predVector) {
            return f.apply(sample.number("pred"), sample.number("target"));
        }
        double[] p = sample.vector("pred");
        double[] t = sample.vector("target");
        if (p.length != t.length) {
            throw new InvalidSampleException("target", "a vector of length " + t.length
                    + " where pred has length " + p.length);
        }
        if (p.length == 0) {
            throw new InvalidSampleException("pred", "an empty vector");
        }
        double s = 0.0;
        for (int i = 0; i < p.length; i++) {
            s += f.apply(p[i], t[i]);
        }
        return s / p.length;
    }
}
