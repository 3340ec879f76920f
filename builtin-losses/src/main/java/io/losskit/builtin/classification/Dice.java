package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Soft Dice loss: ℓ = 1 − (2Σp·y + s)/(Σp + Σy + s), sums over the sample's elements. Agrees with
 * Milletari et al., V-Net 2016 (with the usual additive smoothing).
 */
public final class Dice extends OverlapLoss {

    private static final LossDescriptor DESCRIPTOR = builder("dice")
            .summary("soft Dice loss")
            .formula("ℓ = 1 − (2Σp·y + s)/(Σp + Σy + s)")
            .reference("Milletari et al., V-Net 2016")
            .notes("The linear (not squared) denominator." + NOTES_TAIL)
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double s = params.get(SMOOTH);
        return overlapLoss(params, o -> oneMinus(2.0 * o.tp() + s, o.predSum() + o.targetSum() + s));
    }
}
