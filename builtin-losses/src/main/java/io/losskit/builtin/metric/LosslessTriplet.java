package io.losskit.builtin.metric;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import java.util.Set;

/**
 * Lossless triplet loss: ℓ = −ln(−d_p/β + 1 + ε) − ln(−(N − d_n)/β + 1 + ε), with d_p = ‖a − p‖²,
 * d_n = ‖a − n‖², N the dimension and β = N by default.
 *
 * <p>Agrees with Arsenault 2018, "Lossless triplet loss" (embeddings from a sigmoid, so every
 * squared distance lies in [0, N]).
 */
public final class LosslessTriplet implements LossDefinition {

    static final ParamSpec<Double> BETA = ParamSpec.ofDouble("beta", null,
            "the scale β; unset means N, the embedding dimension").above(0);

    static final ParamSpec<Double> EPSILON = ParamSpec.ofDouble("epsilon", "1e-8", "ε, keeps the logarithms finite")
            .atLeast(0);

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("lossless-triplet", "metric")
            .summary("lossless triplet loss for embeddings in [0, 1]")
            .formula("ℓ = −ln(−d_p/β + 1 + ε) − ln(−(N − d_n)/β + 1 + ε), d = squared distance, N = dimension")
            .roles(RoleSpec.required("anchor", RoleKind.VECTOR, "the anchor embedding (elements in [0, 1])"),
                    RoleSpec.required("positive", RoleKind.VECTOR, "an embedding of the anchor's class"),
                    RoleSpec.required("negative", RoleKind.VECTOR, "an embedding of another class")).weighted(MetricRoles.TUPLE_WEIGHT)
            .params(BETA,
                    EPSILON)
            .reference("Arsenault 2018, \"Lossless triplet loss\"")
            .notes("Meant for sigmoid outputs, so that 0 ≤ d ≤ N. When an argument of a logarithm is "
                    + "negative (d_p > β(1 + ε), or d_n < N − β(1 + ε) with β < N) the loss is undefined and "
                    + "the sample is an input error; an argument of exactly 0 gives +∞.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        Double beta = params.isSet(BETA) ? params.get(BETA) : null;
        double eps = params.get(EPSILON);
        return (PerSampleLoss) (sample, tally) -> {
            double[] a = MetricRoles.vector(sample, "anchor");
            double[] p = MetricRoles.vectorLike(sample, "positive", a, "anchor");
            double[] n = MetricRoles.vectorLike(sample, "negative", a, "anchor");
            double dim = a.length;
            double b = beta != null ? beta : dim;
            double dp = Vectors.squaredDistance(a, p);
            double dn = Vectors.squaredDistance(a, n);
            double argP = -dp / b + 1 + eps;
            double argN = -(dim - dn) / b + 1 + eps;
            if (argP < 0) {
                throw new InvalidSampleException("positive", "‖anchor − positive‖² = " + dp
                        + " exceeds β(1 + ε); lossless-triplet expects embeddings in [0, 1]");
            }
            if (argN < 0) {
                throw new InvalidSampleException("negative", "N − ‖anchor − negative‖² = " + (dim - dn)
                        + " exceeds β(1 + ε); lossless-triplet expects embeddings in [0, 1]");
            }
            return -Math.log(argP) - Math.log(argN);
        };
    }
}
