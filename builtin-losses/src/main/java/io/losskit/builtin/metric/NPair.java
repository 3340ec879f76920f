package io.losskit.builtin.metric;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import java.util.Set;

/**
 * Multi-class N-pair loss over a batch of rows (aᵢ, pᵢ): ℓᵢ = log(1 + Σ_{j≠i} e^(aᵢ·pⱼ − aᵢ·pᵢ)),
 * the mean over rows.
 *
 * <p>Agrees with Sohn, NeurIPS 2016, eq. 6 (without the L2 regulariser on the embeddings),
 * computed as the log-sum-exp of {0} ∪ {aᵢ·pⱼ − aᵢ·pᵢ : j ≠ i}.
 */
public final class NPair implements LossDefinition {

    static final String ID = "n-pair";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(ID, "metric")
            .summary("multi-class N-pair loss over batches of anchor/positive rows")
            .formula("ℓᵢ = log(1 + Σ_{j≠i} e^(aᵢ·pⱼ − aᵢ·pᵢ))")
            .roles(AnchorPositiveRows.ANCHOR, AnchorPositiveRows.POSITIVE)
            .reductions(Reduction.MEAN, Reduction.SUM)
            .reference("Sohn, NeurIPS 2016")
            .notes("Each row (anchor, positive) is one term; its negatives are the positives of the other rows "
                    + "of its batch of --batch-size rows (default: the whole input). mean = Σℓᵢ / rows, "
                    + "sum = Σℓᵢ; none is not offered (a term depends on the whole batch). No L2 penalty on the "
                    + "embeddings. A batch of one row has no negatives: its term is log 1 = 0, with a warning. "
                    + "The similarities are computed a block of rows at a time (O(n·d) memory), on every core.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return (BatchLoss) (batch, tally) -> AnchorPositiveRows.evaluate(ID, batch, tally, false, (s, i) -> {
            double own = s[i];
            for (int j = 0; j < s.length; j++) {
                s[j] -= own;
            }
            s[i] = 0.0;
            return Numerics.logSumExp(s);
        });
    }
}
