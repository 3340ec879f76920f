package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import java.util.Set;

/**
 * Top-k error: ℓ = 1 when the target class k is not among the k largest entries of pred, else 0;
 * with ties broken toward the lower class index, the target's rank is
 * #{c : x_c &gt; x_t} + #{c &lt; t : x_c = x_t} and ℓ = [rank ≥ k]. {@code mean} is 1 − top-k accuracy.
 *
 * <p>Agrees with torchmetrics {@code Accuracy(top_k=k)} as 1 − accuracy, and with sklearn
 * {@code top_k_accuracy_score} where no scores tie.
 */
public final class TopKError implements LossDefinition {

    static final ParamSpec<Integer> K = ParamSpec.ofInt("k", "5", "how many of the largest scores count as a hit")
            .atLeast(1);

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("top-k-error", "classification")
            .summary("top-k error: the target is not among the k largest scores")
            .formula("ℓ = [#{c : x_c > x_t} + #{c < t : x_c = x_t} ≥ k]")
            .roles(Roles.CLASS_PRED, Roles.HARD_CLASS_TARGET).weighted()
            .params(K)
            .reference("torchmetrics Accuracy(top_k=k), as 1 − accuracy")
            .notes("Ties are broken toward the lower class index (a stable sort by descending score); sklearn's"
                    + " top_k_accuracy_score breaks them toward the higher index, so the two differ only where"
                    + " scores tie. k ≥ the number of classes gives 0. Scores are compared as given: logits,"
                    + " probabilities and log-probabilities give the same ranks.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        int k = params.get(K);
        return (PerSampleLoss) (sample, tally) -> {
            double[] x = ClassTargets.pred(sample, "zero-one");
            int t = ClassTargets.index(sample, x.length);
            int rank = 0;
            for (int c = 0; c < x.length; c++) {
                if (x[c] > x[t] || (c < t && x[c] == x[t])) {
                    rank++;
                }
            }
            return rank >= k ? 1.0 : 0.0;
        };
    }
}
