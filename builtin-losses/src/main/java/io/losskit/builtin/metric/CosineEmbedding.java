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
 * Cosine embedding loss: ℓ = 1 − cos(a, b) for y = 1; max(0, cos(a, b) − margin) for y = −1 (or
 * 0).
 *
 * <p>Agrees with torch {@code CosineEmbeddingLoss}, except that the cosine is the plain
 * a·b / (‖a‖‖b‖), without torch's 1e-12 added to the squared norms; a zero vector is an input
 * error.
 */
public final class CosineEmbedding implements LossDefinition {

    static final ParamSpec<Double> MARGIN = ParamSpec.ofDouble("margin", "0.0",
            "cosine below which a dissimilar pair costs nothing").atLeast(-1).atMost(1);

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("cosine-embedding", "metric")
            .summary("cosine embedding loss over explicit pairs")
            .formula("ℓ = 1 − cos(a, b) if y = 1; max(0, cos(a, b) − margin) if y = −1 or 0")
            .roles(RoleSpec.required("a", RoleKind.VECTOR, "the first vector"),
                    RoleSpec.required("b", RoleKind.VECTOR, "the second vector (same dimension)"),
                    RoleSpec.required(MetricRoles.TARGET, RoleKind.NUMBER, "1 similar, −1 (or 0) dissimilar")).weighted(MetricRoles.TUPLE_WEIGHT)
            .params(MARGIN)
            .reference("torch CosineEmbeddingLoss")
            .notes("cos(a, b) = a·b / (‖a‖‖b‖) without torch's 1e-12 norm epsilon (the values agree with "
                    + "torch's to about 1e-12); a zero vector has no cosine and is an input error. "
                    + "target 0 means dissimilar, like −1.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double margin = params.get(MARGIN);
        return (PerSampleLoss) (sample, tally) -> {
            double[] a = MetricRoles.vector(sample, "a");
            double[] b = MetricRoles.vectorLike(sample, "b", a, "a");
            boolean similar = MetricRoles.similar(sample.number(MetricRoles.TARGET), true);
            double aa = Vectors.dot(a, a);
            double bb = Vectors.dot(b, b);
            if (aa == 0 || bb == 0) {
                throw new InvalidSampleException(aa == 0 ? "a" : "b", "a zero vector has no cosine similarity");
            }
            double cos = Vectors.dot(a, b) / Math.sqrt(aa * bb);
            return similar ? 1.0 - cos : Math.max(0.0, cos - margin);
        };
    }
}
