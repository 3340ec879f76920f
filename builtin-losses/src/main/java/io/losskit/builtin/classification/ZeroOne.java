package io.losskit.builtin.classification;

import io.losskit.spi.ColumnLoss;
import io.losskit.spi.Columns;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.Set;

/**
 * Zero-one loss (error rate): ℓ = 1 when the predicted class differs from the target, else 0. The
 * predicted class is [s ≥ threshold] for a binary score s, the argmax of a vector of class scores
 * (the lowest index among ties); for multi-label (a vector pred with a 0/1 vector target) ℓ = 1
 * unless every label [s_l ≥ threshold] matches. {@code mean} is the error rate, 1 − accuracy.
 *
 * <p>Agrees with sklearn {@code zero_one_loss} (normalize=True; subset accuracy for multi-label).
 */
public final class ZeroOne implements LossDefinition {

    static final ParamSpec<Double> THRESHOLD = ParamSpec.ofDouble("threshold", "0.5",
            "a binary or per-label score s predicts 1 when s ≥ threshold");

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("zero-one", "classification")
            .aliases("error-rate")
            .summary("zero-one loss: the fraction of misclassified samples")
            .formula("ℓ = [predicted class ≠ target]; binary: [s ≥ threshold] ≠ y; vector with a class index: argmax ≠ k;"
                    + " multi-label: 1 unless every label matches")
            .roles(RoleSpec.required("pred", RoleKind.NUMERIC,
                            "a binary score (a number), or a vector of class or label scores"),
                    RoleSpec.required("target", RoleKind.NUMERIC,
                            "0 or 1 for a number pred; a class index, or a 0/1 vector (multi-label), for a vector pred"))
            .weighted()
            .params(THRESHOLD)
            .reference("sklearn zero_one_loss")
            .notes("The scores are used as given (probabilities with the default threshold 0.5; for logits use"
                    + " -P threshold=0). A vector pred with a class index target is multi-class: the argmax,"
                    + " the lowest class index among tied maxima (numpy's argmax). A vector pred with a vector"
                    + " target of the same length is multi-label (a one-hot target included), each label thresholded,"
                    + " as sklearn's subset accuracy. Targets other than 0 and 1 are an input error.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return new Errors(params.get(THRESHOLD));
    }

    /** ℓ of one sample, or of a batch of columns: class scores with class indices, or binary and multi-label scores. */
    private record Errors(double threshold) implements ColumnLoss {
        @Override
        public double loss(Sample sample, Tally tally) {
            if (sample.isVector("pred") && !sample.isVector("target")) {
                double[] x = ClassTargets.pred(sample, null);
                return ClassTargets.argmax(x) == ClassTargets.numberIndex(sample, x.length) ? 0.0 : 1.0;
            }
            BinaryElements.Pairs pairs = BinaryElements.of(sample, null);
            for (int l = 0; l < pairs.size(); l++) {
                if ((pairs.pred()[l] >= threshold ? 1.0 : 0.0) != label(pairs.target()[l])) {
                    return 1.0;
                }
            }
            return 0.0;
        }

        /** As {@link #loss}; a shape it refuses, a class index out of range, a target other than 0 or 1 are left to it. */
        @Override
        public int losses(Columns columns, int from, int to, double[] out) {
            boolean vector = columns.isVector("pred");
            boolean classes = vector && !columns.isVector("target");
            double[][] p = columns.columns("pred");
            double[][] t = columns.columns("target");
            if (p.length == 0 || !vector && columns.isVector("target") || !classes && p.length != t.length) {
                return from;
            }
            int i = from;
            try {
                for (; i < to; i++) {
                    out[i] = classes ? classError(p, t[0][i], i) : labelsError(p, t, i);
                }
            } catch (InvalidSampleException e) {
                return i;
            }
            return i;
        }

        /** [argmax ≠ k] of row i's class scores (the lowest index among ties, as {@link ClassTargets#argmax}). */
        private static double classError(double[][] p, double target, int i) {
            if (!ClassTargets.isIndex(target, p.length)) {
                throw new InvalidSampleException("target", "not a class index");   // (loss() words it)
            }
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c][i] > p[best][i]) {
                    best = c;
                }
            }
            return best == (int) target ? 0.0 : 1.0;
        }

        /** 1 unless every label of row i matches, the labels in order as {@link #loss} checks them. */
        private double labelsError(double[][] p, double[][] t, int i) {
            for (int l = 0; l < p.length; l++) {
                if ((p[l][i] >= threshold ? 1.0 : 0.0) != label(t[l][i])) {
                    return 1.0;
                }
            }
            return 0.0;
        }
    }

    private static double label(double y) {
        if (y != 0.0 && y != 1.0) {
            throw new InvalidSampleException("target", "target " + y + " is not 0 or 1");
        }
        return y;
    }
}
