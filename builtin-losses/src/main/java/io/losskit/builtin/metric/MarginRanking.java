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
 * Margin ranking loss on two scores: ℓ = max(0, −y·(a − b) + margin), y = 1 when a should rank
 * above b and −1 when below.
 *
 * <p>Agrees with torch {@code MarginRankingLoss}.
 */
public final class MarginRanking implements LossDefinition {

    static final ParamSpec<Double> MARGIN = ParamSpec.ofDouble("margin", "0.0", "how far apart the scores must be");

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("margin-ranking", "metric")
            .summary("margin ranking loss on two scores")
            .formula("ℓ = max(0, −y·(a − b) + margin)")
            .roles(RoleSpec.required("a", RoleKind.NUMBER, "the first score"),
                    RoleSpec.required("b", RoleKind.NUMBER, "the second score"),
                    RoleSpec.required(MetricRoles.TARGET, RoleKind.NUMBER, "1: a should rank higher; −1: b should")).weighted(MetricRoles.TUPLE_WEIGHT)
            .params(MARGIN)
            .reference("torch MarginRankingLoss")
            .notes("target must be 1 or −1; 0 (no preference) is an input error.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double margin = params.get(MARGIN);
        return (PerSampleLoss) (sample, tally) -> {
            double y = MetricRoles.similar(sample.number(MetricRoles.TARGET), false) ? 1.0 : -1.0;
            return Math.max(0.0, -y * (sample.number("a") - sample.number("b")) + margin);
        };
    }
}
