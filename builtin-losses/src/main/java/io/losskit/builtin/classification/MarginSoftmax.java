package io.losskit.builtin.classification;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Sample;
import java.util.Set;

/**
 * The margin-based softmax losses of face recognition: pred is the vector of cosines cos θ_c
 * between a sample's feature and each class's weight, target the class k. Each loss builds logits
 * z — a margin on the target class, a scale on all — and returns the cross-entropy
 * −log softmax(z)_k (max-shifted, see Numerics#logSoftmax). Cosines are clamped to [−1, 1] first.
 */
abstract class MarginSoftmax implements LossDefinition {

    static final String CLAMP_NOTE = " Cosines are clamped to [−1, 1] before use (rounding can push them "
            + "slightly out). The target is one class: an index, a name or a one-hot vector.";

    /** A loss configured by its parameters: the logits of one sample. */
    interface Logits {
        /** z_k from the clamped target cosine. */
        double target(double cos, Sample sample);

        /** z_c from a clamped cosine of another class. */
        double other(double cos, Sample sample);
    }

    /** The logits of the loss configured by {@code params}. */
    abstract Logits logits(Parameters params);

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        Logits logits = logits(params);
        return (PerSampleLoss) (sample, tally) -> {
            double[] cos = ClassTargets.pred(sample, null);
            int k = ClassTargets.index(sample, cos.length);
            double[] z = new double[cos.length];
            for (int c = 0; c < cos.length; c++) {
                double clamped = Math.max(-1.0, Math.min(1.0, cos[c]));
                z[c] = c == k ? logits.target(clamped, sample) : logits.other(clamped, sample);
            }
            return -Numerics.logSoftmax(z, z)[k];
        };
    }
}
