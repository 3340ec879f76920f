package io.losskit.builtin.classification;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Sample;

/** Reads and checks multi-class targets against the number of classes C (the length of pred). */
final class ClassTargets {

    private ClassTargets() {
    }

    /**
     * The class scores of {@code sample}: a non-empty vector.
     *
     * @param binaryForm the loss that takes one binary score where this one takes class scores
     *     (cross-entropy → bce-logits), named when pred is a number; null when there is none
     */
    static double[] pred(Sample sample, String binaryForm) {
        if (!sample.isVector("pred")) {
            throw new InvalidSampleException("pred", "a number where a vector of class scores is needed"
                    + (binaryForm == null ? "" : "; for one binary score per record use " + binaryForm));
        }
        double[] pred = sample.vector("pred");
        if (pred.length == 0) {
            throw new InvalidSampleException("pred", "an empty vector (no classes)");
        }
        return pred;
    }

    /** Whether the target is a vector of class probabilities rather than a class. */
    static boolean isSoft(Sample sample) {
        return sample.isVector("target");
    }

    /** Checks a class index against C classes. */
    static int checkIndex(int k, int classes) {
        if (k < 0 || k >= classes) {
            throw new InvalidSampleException("target", "class index " + k + " is out of range [0, " + classes + ")");
        }
        return k;
    }

    /** A target vector of class probabilities: C values, each in [0, 1]. */
    static double[] soft(Sample sample, int classes) {
        double[] y = sample.vector("target");
        if (y.length != classes) {
            throw new InvalidSampleException("target", "a vector of length " + y.length
                    + " where pred has " + classes + " classes");
        }
        for (double v : y) {
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new InvalidSampleException("target", "class probability " + v + " is outside [0, 1]");
            }
        }
        return y;
    }

    /** The target as a probability vector: soft as given, a class index as one-hot. */
    static double[] distribution(Sample sample, int classes) {
        if (isSoft(sample)) {
            return soft(sample, classes);
        }
        double[] y = new double[classes];
        y[checkIndex(sample.classIndex("target"), classes)] = 1.0;
        return y;
    }

    /** The class index k of a target given as an index, a name or a one-hot vector. */
    static int index(Sample sample, int classes) {
        if (!isSoft(sample)) {
            return checkIndex(sample.classIndex("target"), classes);
        }
        double[] y = soft(sample, classes);
        int k = -1;
        for (int c = 0; c < y.length; c++) {
            if (y[c] == 1.0 && k < 0) {
                k = c;
            } else if (y[c] != 0.0) {
                k = -2;
                break;
            }
        }
        if (k < 0) {
            throw new InvalidSampleException("target", "needs one class: an index, a name or a one-hot vector");
        }
        return k;
    }

    /** Class weights must have one entry per class. */
    static void checkWeights(double[] weights, int classes) {
        if (weights != null && weights.length != classes) {
            throw new InvalidSampleException("pred", "pred has " + classes + " classes but class-weights has "
                    + weights.length + " entries");
        }
    }

    /** A class index given as a number (a target role that also takes binary labels) for C classes. */
    static int numberIndex(Sample sample, int classes) {
        double target = sample.number("target");
        if (!isIndex(target, classes)) {
            throw new InvalidSampleException("target", "class index " + target + " is not in [0, " + classes + ")");
        }
        return (int) target;
    }

    /** Whether a target given as a number is a class index of C classes (an integer in [0, C)). */
    static boolean isIndex(double target, int classes) {
        return target == Math.rint(target) && target >= 0 && target < classes;
    }

    /** The predicted class: the index of the largest score, the lowest index among ties. */
    static int argmax(double[] x) {
        int best = 0;
        for (int c = 1; c < x.length; c++) {
            if (x[c] > x[best]) {
                best = c;
            }
        }
        return best;
    }
}
