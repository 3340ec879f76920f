package io.losskit.builtin.classification;

import io.losskit.spi.ColumnLoss;
import io.losskit.spi.Columns;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;

/**
 * Binary and multi-label samples: pred and target are both numbers (one binary decision) or
 * equal-length vectors (one decision per label). ℓᵢ is the mean over the labels, the Keras
 * convention LOSSES.md uses for element-wise losses.
 */
final class BinaryElements {

    private BinaryElements() {
    }

    /** The loss of one label. */
    @FunctionalInterface
    interface Term {
        double apply(double pred, double target);
    }

    /** A sample's pred and target as equal-length arrays (a number is one element). */
    record Pairs(double[] pred, double[] target) {
        int size() {
            return pred.length;
        }
    }

    /**
     * The pred and target of {@code sample}; unequal shapes are an input error of the target.
     *
     * @param classForm the loss that takes a vector of class scores with a class target (focal →
     *     softmax-focal), named when pred is a vector and the target a number; null when there is none
     */
    static Pairs of(Sample sample, String classForm) {
        boolean vector = sample.isVector("pred");
        if (vector != sample.isVector("target")) {
            throw new InvalidSampleException("target", vector
                    ? "a number where pred is a vector" + (classForm == null ? ""
                    : "; for class scores and a class target use " + classForm)
                    : "a vector where pred is a number");
        }
        if (!vector) {
            return new Pairs(new double[] {sample.number("pred")}, new double[] {sample.number("target")});
        }
        double[] p = sample.vector("pred");
        double[] t = sample.vector("target");
        if (t.length != p.length) {
            throw new InvalidSampleException("target", "a vector of length " + t.length
                    + " where pred has length " + p.length);
        }
        if (p.length == 0) {
            throw new InvalidSampleException("pred", "an empty vector");
        }
        return new Pairs(p, t);
    }

    /**
     * The per-sample loss that is the mean of {@code term} over the labels ({@link #mean}), one
     * sample or a batch of columns at a time; {@code classForm} as for {@link #of}.
     */
    static ColumnLoss loss(String classForm, Term term) {
        return new MeanLoss(classForm, term);
    }

    private record MeanLoss(String classForm, Term term) implements ColumnLoss {
        @Override
        public double loss(Sample sample, Tally tally) {
            return mean(sample, classForm, term);
        }

        /** As {@link #mean}, label by label; shapes {@link #of} refuses, and rows {@code term} refuses, are left to {@link #loss}. */
        @Override
        public int losses(Columns columns, int from, int to, double[] out) {
            if (columns.isVector("pred") != columns.isVector("target")) {
                return from;
            }
            double[][] p = columns.columns("pred");
            double[][] t = columns.columns("target");
            if (p.length != t.length || p.length == 0) {
                return from;
            }
            int i = from;
            try {
                for (; i < to; i++) {
                    double s = 0.0;
                    for (int k = 0; k < p.length; k++) {
                        s += term.apply(p[k][i], t[k][i]);
                    }
                    out[i] = s / p.length;
                }
            } catch (InvalidSampleException e) {
                return i;
            }
            return i;
        }
    }

    /** The mean of {@code term} over the labels of {@code sample}; {@code classForm} as for {@link #of}. */
    static double mean(Sample sample, String classForm, Term term) {
        Pairs pairs = of(sample, classForm);
        double s = 0.0;
        for (int i = 0; i < pairs.size(); i++) {
            s += term.apply(pairs.pred[i], pairs.target[i]);
        }
        return s / pairs.size();
    }

    /** A binary target y ∈ [0, 1] (soft labels allowed). */
    static double unitTarget(double y) {
        if (!(y >= 0.0 && y <= 1.0)) {
            throw new InvalidSampleException("target", "target " + y + " is outside [0, 1]");
        }
        return y;
    }

    /** A sign target: −1 or 1, with 0 read as −1 (so that {0, 1} labels work too). */
    static double signTarget(double y) {
        if (y == 1.0) {
            return 1.0;
        }
        if (y == -1.0 || y == 0.0) {
            return -1.0;
        }
        throw new InvalidSampleException("target", "target " + y + " is not −1 or 1 (or 0 and 1)");
    }
}
