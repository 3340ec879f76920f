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

    /**
     * The loss whose id or alias is {@code name}, made alone, or null when none of these is: the
     * same names as the descriptors of {@link #all()} give (a test compares them).
     */
    public static LossDefinition find(String name) {
        return switch (name) {
            case "contrastive" -> new Contrastive();
            case "cosine-embedding" -> new CosineEmbedding();
            case "hinge-embedding" -> new HingeEmbedding();
            case "margin-ranking" -> new MarginRanking();
            case "triplet" -> new Triplet();
            case "lossless-triplet" -> new LosslessTriplet();
            case "lifted-structure" -> new LiftedStructure();
            case "n-pair" -> new NPair();
            case "info-nce", "nt-xent" -> new InfoNce();
            case "circle" -> new Circle();
            case "center" -> new Center();
            default -> null;
        };
    }
}
