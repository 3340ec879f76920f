package io.losskit.builtin.metric;

import io.losskit.spi.LossDefinition;
import java.util.List;

/** The metric losses of the built-in pack, in the order of LOSSES.md. */
public final class MetricLosses {

    private MetricLosses() {
    }

    /** Every metric loss. */
    public static List<LossDefinition> all() {
        return List.of(new Contrastive(), new CosineEmbedding(), new HingeEmbedding(), new MarginRanking(),
                new Triplet(), new LosslessTriplet(), new LiftedStructure(), new NPair(), new InfoNce(),
                new Circle(), new Center());
    }
}
