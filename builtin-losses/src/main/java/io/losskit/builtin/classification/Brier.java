package io.losskit.builtin.classification;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import java.util.Set;

/**
 * Brier score: binary ℓ = (p − y)²; multi-class (pred a vector over classes, target a class index
 * k or a distribution y) ℓ = Σ_c (p_c − y_c)², with y one-hot for an index. p is pred as given
 * ({@code input=probs}), σ / softmax of logits, or exp of log-probabilities.
 *
 * <p>Agrees with sklearn {@code brier_score_loss} (binary; multi-class with
 * {@code scale_by_half=False}) and Brier (1950), "Verification of forecasts expressed in terms of
 * probability", whose multi-class score is the sum over classes.
 */
public final class Brier implements LossDefinition {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("brier", "classification")
            .summary("Brier score (squared error of predicted probabilities)")
            .formula("binary: ℓ = (p − y)²; multi-class: ℓ = Σ_c (p_c − y_c)², y one-hot for a class index")
            .roles(RoleSpec.required("pred", RoleKind.NUMERIC,
                            "the probability of the positive class (a number), or one per class (a vector)"),
                    RoleSpec.required("target", RoleKind.NUMERIC,
                            "y ∈ [0, 1] for a number pred; a class index or a class distribution for a vector pred"))
            .weighted()
            .params(Input.param(Input.PROBS))
            .reference("sklearn brier_score_loss; Brier 1950 (multi-class sum)")
            .notes("A vector pred is a distribution over classes (not multi-label): the target is a 0-based class"
                    + " index (one-hot) or a vector of class probabilities of the same length, and ℓ sums over the"
                    + " classes, so a multi-class Brier score lies in [0, 2] (sklearn's multi-class form with"
                    + " scale_by_half=False). input=logits applies σ to a number and softmax to a vector. A"
                    + " probability or binary target outside [0, 1] is an input error.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        Input input = Input.of(params);
        return (PerSampleLoss) (sample, tally) -> {
            if (!sample.isVector("pred")) {
                if (sample.isVector("target")) {
                    throw new InvalidSampleException("target", "a vector where pred is a number");
                }
                double d = input.p(sample.number("pred")) - BinaryElements.unitTarget(sample.number("target"));
                return d * d;
            }
            double[] p = input.probs(ClassTargets.pred(sample, null));
            double[] y = sample.isVector("target") ? ClassTargets.soft(sample, p.length) : null;
            int k = y == null ? ClassTargets.numberIndex(sample, p.length) : -1;
            double sum = 0.0;
            for (int c = 0; c < p.length; c++) {
                double d = p[c] - (y != null ? y[c] : c == k ? 1.0 : 0.0);
                sum += d * d;
            }
            return sum;
        };
    }
}
