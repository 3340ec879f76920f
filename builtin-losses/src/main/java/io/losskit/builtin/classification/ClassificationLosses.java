package io.losskit.builtin.classification;

import io.losskit.spi.LossDefinition;
import java.util.List;

/** The classification losses of the built-in pack, in the order of LOSSES.md. */
public final class ClassificationLosses {

    private ClassificationLosses() {
    }

    /** Every classification loss. */
    public static List<LossDefinition> all() {
        return List.of();
    }
}
