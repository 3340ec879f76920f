package io.losskit.builtin.metric;

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
 * Hinge embedding loss on a distance x: ℓ = x for y = 1; max(0, margin − x) for y = −1 (or 0).
 *
 * <p>Agrees with torch {@code HingeEmbeddingLoss} for y ∈ {1, −1}.
 */
public final class HingeEmbedding implements LossDefinition {

    static final ParamSpec<Double> MARGIN = ParamSpec.ofDouble("margin", "1.0",
            "distance beyond which a dissimilar pair costs nothing");

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("hinge-embedding", "metric")
            .summary("hinge embedding loss on a given distance")
            .formula("ℓ = x if y = 1; max(0, margin − x) if y = −1 or 0")
            .roles(RoleSpec.required("pred", RoleKind.NUMBER, "the distance x of the pair"),
                    RoleSpec.required(MetricRoles.TARGET, RoleKind.NUMBER, "1 similar, −1 (or 0) dissimilar")).weighted(MetricRoles.TUPLE_WEIGHT)
            .params(MARGIN)
            .reference("torch HingeEmbeddingLoss")
            .notes("target 0 means dissimilar, like −1 (torch would add both terms for a 0; LOSSES.md's "
                    + "pair convention is followed instead). Any other target is an input error.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double margin = params.get(MARGIN);
        return (PerSampleLoss) (sample, tally) -> {
            double x = sample.number("pred");
            return MetricRoles.similar(sample.number(MetricRoles.TARGET), true) ? x : Math.max(0.0, margin - x);
        };
    }
}
