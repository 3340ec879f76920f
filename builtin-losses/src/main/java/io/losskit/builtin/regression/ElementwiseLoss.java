package io.losskit.builtin.regression;

import io.losskit.spi.ColumnLoss;
import io.losskit.spi.Columns;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;

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

    /**
     * d², d = ŷ − y (mse's, rmse's, l2's). A class, not a lambda: losskit's {@code score -l mse} links
     * none on its way (the first one of a run costs start-up time).
     */
    static final ElementLoss SQUARED_ERROR = new ElementLoss() {
        @Override
        public double apply(double pred, double target) {
            return (pred - target) * (pred - target);
        }
    };

    /** A per-sample loss that applies {@code f} element-wise and averages over a vector's elements. */
    static Elementwise elementwise(ElementLoss f) {
        return new Elementwise(f, true);
    }

    /** A per-sample loss that applies {@code f} element-wise and sums over a vector's elements. */
    static Elementwise summed(ElementLoss f) {
        return new Elementwise(f, false);
    }

    /**
     * ℓᵢ = f(ŷ, y), or its mean (or sum) over a vector's elements: one sample at a time, or a batch
     * of columns at a time.
     */
    record Elementwise(ElementLoss f, boolean mean) implements ColumnLoss {

        /** The loss of one sample. */
        double of(Sample sample) {
            return mean ? meanOver(sample, f) : sumOver(sample, f);
        }

        @Override
        public double loss(Sample sample, Tally tally) {
            return of(sample);
        }

        /** The same values as {@link #of}: f throws for the row it refuses, which {@link #loss} then refuses again. */
        @Override
        public int losses(Columns columns, int from, int to, double[] out) {
            boolean vector = columns.isVector("pred");
            if (vector || columns.isVector("target")) {
                return vector && columns.isVector("target") ? vectors(columns, from, to, out) : from;
            }
            double[] p = columns.column("pred");
            double[] t = columns.column("target");
            int i = from;
            try {
                for (; i < to; i++) {
                    out[i] = f.apply(p[i], t[i]);
                }
            } catch (InvalidSampleException e) {
                return i;
            }
            return i;
        }

        /** {@link #losses} of vectors in columns: as {@link #sum}, element by element; a shape {@link #length} refuses is left to {@link #loss}. */
        private int vectors(Columns columns, int from, int to, double[] out) {
            double[][] p = columns.columns("pred");
            double[][] t = columns.columns("target");
            if (p.length != t.length || p.length == 0) {
                return from;
            }
            int i = from;
            try {
                for (; i < to; i++) {
                    CompensatedSum s = new CompensatedSum();
                    for (int k = 0; k < p.length; k++) {
                        s.add(f.apply(p[k][i], t[k][i]));
                    }
                    out[i] = mean ? s.value() / p.length : s.value();
                }
            } catch (InvalidSampleException e) {
                return i;
            }
            return i;
        }
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
