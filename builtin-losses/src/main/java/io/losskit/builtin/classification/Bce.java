package io.losskit.builtin.classification;

import io.losskit.spi.ColumnLoss;
import io.losskit.spi.Columns;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.Set;

/**
 * Binary cross-entropy: ℓ = −[w₊·y·log p + (1−y)·log(1−p)], y ← y(1−s) + s/2 with label smoothing
 * s and positive weight w₊; the mean over the labels of a multi-label sample.
 *
 * <p>Two definitions: {@code bce} reads probabilities by default, {@code bce-logits} logits. For
 * logits the logs are log σ(x) and log σ(−x), i.e. ℓ = (1−y)·x + (1 + (w₊−1)y)·log1p(e^(−x)), in
 * the overflow-free softplus form (the same value as torch's max(x,0) − x·y + log1p(e^(−|x|)) when
 * w₊ = 1). For probabilities each log is clamped to ≥ −100. Agrees with torch {@code BCELoss} /
 * {@code BCEWithLogitsLoss(pos_weight)} and sklearn {@code log_loss} (except at p = 0 or 1, where
 * sklearn clips p to machine epsilon and losskit clamps the log as torch does).
 */
public final class Bce implements LossDefinition {

    static final ParamSpec<Double> POS_WEIGHT = ParamSpec.ofDouble("pos-weight", "1", "w₊, multiplies the y·log p term")
            .atLeast(0);

    static final ParamSpec<Double> LABEL_SMOOTHING = ParamSpec.ofDouble("label-smoothing", "0", "s: y ← y(1−s) + s/2")
            .atLeast(0).atMost(1);

    private static final String FORMULA = "ℓ = −[w₊·y·log p + (1−y)·log(1−p)], y ← y(1−s) + s/2; "
            + "vectors: the mean over labels";
    private static final String NOTES = "Binary targets y ∈ [0, 1] (soft labels allowed); a vector pred with an "
            + "equal-length target is multi-label and ℓ is the mean over its labels. input=logits uses "
            + "log σ(x) and log σ(−x) in the softplus form (stable at logits of ±1000); input=probs clamps "
            + "log p and log(1−p) at −100 as torch's BCELoss, so p = 0 or 1 gives a finite loss (sklearn's "
            + "log_loss clips p to machine epsilon instead, which gives about 36 there); input=log-probs takes "
            + "log p as given and computes log(1−p) = log(−expm1(log p)), floored at −100 like the probs form. "
            + "A probability outside [0, 1] or a target outside [0, 1] is an input error.\n"
            + "As sklearn's log_loss, a probability vector over classes (predict_proba's output, binary or "
            + "multi-class) with a class index as target gives −log(p_k / Σp), log p_k clamped at −100: for two "
            + "classes that is the binary loss of p₁. This form needs input=probs, pos-weight=1 and label-smoothing=0.";

    private final LossDescriptor descriptor;

    private Bce(LossDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** {@code bce}: probabilities by default. */
    public static Bce bce() {
        return new Bce(descriptor("bce", Input.PROBS, "binary cross-entropy (log loss)",
                "torch BCELoss / BCEWithLogitsLoss, sklearn log_loss", "binary-cross-entropy", "log-loss"));
    }

    /** {@code bce-logits}: logits by default. */
    public static Bce bceLogits() {
        return new Bce(descriptor("bce-logits", Input.LOGITS, "binary cross-entropy on logits",
                "torch BCEWithLogitsLoss, tfjs sigmoidCrossEntropy", "sigmoid-cross-entropy"));
    }

    private static LossDescriptor descriptor(String id, Input input, String summary, String reference,
                                             String... aliases) {
        return LossDescriptor.builder(id, "classification")
                .aliases(aliases)
                .summary(summary)
                .formula(FORMULA)
                .roles(Roles.BINARY_PRED, Roles.BINARY_TARGET).weighted()
                .params(Input.param(input),
                        POS_WEIGHT,
                        LABEL_SMOOTHING)
                .reference(reference)
                .notes(NOTES)
                .build();
    }

    @Override
    public LossDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        Input input = Input.of(params);
        double posWeight = params.get(POS_WEIGHT);
        double smoothing = params.get(LABEL_SMOOTHING);
        ColumnLoss labels = BinaryElements.loss("cross-entropy", (x, target) -> {
            double y = BinaryElements.unitTarget(target) * (1.0 - smoothing) + smoothing / 2.0;
            return -(posWeight * y * input.logP(x) + (1.0 - y) * input.log1mP(x));
        });
        return new ColumnLoss() {
            @Override
            public double loss(Sample sample, Tally tally) {
                if (sample.isVector("pred") && !sample.isVector("target")) {
                    return classProbability(sample, input, posWeight, smoothing);
                }
                return labels.loss(sample, tally);
            }

            /** (Class probabilities with a class target, a vector beside a number, are left to {@link #loss}.) */
            @Override
            public int losses(Columns columns, int from, int to, double[] out) {
                return labels.losses(columns, from, to, out);
            }
        };
    }

    /** sklearn's log_loss over class probabilities: −log p_k for the class index k of the target. */
    private static double classProbability(Sample sample, Input input, double posWeight, double smoothing) {
        if (input != Input.PROBS || posWeight != 1.0 || smoothing != 0.0) {
            throw new InvalidSampleException("target", "a class index where pred is a vector: that form (sklearn's "
                    + "log_loss over predict_proba) needs input=probs, pos-weight=1 and label-smoothing=0"
                    + (input == Input.PROBS ? "" : "; for class scores and a class target use cross-entropy"));
        }
        double[] p = sample.vector("pred");
        int target = ClassTargets.numberIndex(sample, p.length);
        double sum = 0.0;
        for (double x : p) {
            sum += x;
        }
        if (!(sum > 0)) {
            throw new InvalidSampleException("pred", "class probabilities that sum to 0");
        }
        // as sklearn, each row is divided by its sum first (predict_proba's rows sum to 1 ± ulp)
        return -input.logProbs(p)[target] + Math.log(sum);
    }
}
