package io.losskit.builtin.regression;

import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;

/**
 * The shape most regression losses share: ℓᵢ = f(ŷ, y) for scalars, and the mean of f over the
 * elements when pred and target are equal-length vectors (the Keras convention).
 */
abstract class ElementwiseLoss implements LossDefinition {

    static final String CATEGORY = "regression";

    static final RoleSpec PRED = RoleSpec.required("pred", RoleKind.NUMERIC, "the prediction ŷ (a number or a vector)");
    static final RoleSpec TARGET = RoleSpec.required("target", RoleKind.NUMERIC, "the true value y (same shape as pred)");

    /** What {@link #length} returns when pred and target are numbers. */
    static final int SCALAR = -1;

    private final LossDescriptor descriptor;

    ElementwiseLoss(LossDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public final LossDescriptor descriptor() {
        return descriptor;
    }

    /** The loss of one element. */
    @FunctionalInterface
    interface ElementLoss {
        double apply(double pred, double target);
    }

    /** A regression descriptor reading pred, target and the optional weight. */
    static LossDescriptor.Builder regression(String id) {
        return LossDescriptor.builder(id, CATEGORY).roles(PRED, TARGET).weighted();
    }

    /** A per-sample loss that applies {@code f} element-wise and averages over a vector's elements. */
    static PerSampleLoss elementwise(ElementLoss f) {
        return (sample, tally) -> meanOver(sample, f);
    }

    /**
     * {@link #SCALAR} when pred and target are numbers, their common length when both are
     * vectors.
     *
     * @throws InvalidSampleException on role {@code target} when the shapes differ, on
     *     {@code pred} when the vectors are empty
     */
    static int length(Sample sample) {
        boolean predVector = sample.isVector("pred");
        if (predVector != sample.isVector("target")) {
            throw new InvalidSampleException("target", predVector
                    ? "a number where pred is a vector" : "a vector where pred is a number");
        }
        if (!predVector) {
            return SCALAR;
        }
        int n = sample.vector("pred").length;
        int m = sample.vector("target").length;
        if (n != m) {
            throw new InvalidSampleException("target", "a vector of length " + m + " where pred has length " + n);
        }
        if (n == 0) {
            throw new InvalidSampleException("pred", "an empty vector");
        }
        return n;
    }

    /** f(ŷ, y) for scalars; the mean of f over the elements for vectors (a compensated sum). */
    static double meanOver(Sample sample, ElementLoss f) {
        int n = length(sample);
        return n == SCALAR ? f.apply(sample.number("pred"), sample.number("target")) : sum(sample, f) / n;
    }

    /** f(ŷ, y) for scalars; the sum of f over the elements for vectors. */
    static double sumOver(Sample sample, ElementLoss f) {
        int n = length(sample);
        return n == SCALAR ? f.apply(sample.number("pred"), sample.number("target")) : sum(sample, f);
    }

    private static double sum(Sample sample, ElementLoss f) {
        double[] p = sample.vector("pred");
        double[] t = sample.vector("target");
        CompensatedSum s = new CompensatedSum();
        for (int i = 0; i < p.length; i++) {
            s.add(f.apply(p[i], t[i]));
        }
        return s.value();
    }
}
