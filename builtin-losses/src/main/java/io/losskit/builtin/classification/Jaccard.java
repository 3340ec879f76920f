package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Soft Jaccard (IoU) loss: ℓ = 1 − (I + s)/(Σp + Σy − I + s), I = Σp·y, sums over the sample's
 * elements.
 */
public final class Jaccard extends OverlapLoss {

    private static final LossDescriptor DESCRIPTOR = builder("jaccard")
            .aliases("iou")
            .summary("soft Jaccard (intersection over union) loss")
            .formula("ℓ = 1 − (I + s)/(Σp + Σy − I + s), I = Σp·y")
            .reference("soft Jaccard index (no library reference)")
            .notes("The soft (product) intersection." + NOTES_TAIL)
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double s = params.get(SMOOTH);
        return overlapLoss(params, o -> oneMinus(o.tp() + s, o.predSum() + o.targetSum() - o.tp() + s));
    }
}
