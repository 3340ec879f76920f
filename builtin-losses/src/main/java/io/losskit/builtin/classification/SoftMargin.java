package io.losskit.builtin.classification;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import java.util.Set;

/**
 * Soft-margin (logistic) loss: ℓ = log(1 + e^(−y·x)), y ∈ {−1, 1}, computed as softplus(−y·x),
 * exact at |x| = 1000; the mean over the labels of a multi-label sample. Agrees with torch
 * {@code SoftMarginLoss}.
 */
public final class SoftMargin implements LossDefinition {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("soft-margin", "classification")
            .summary("soft-margin (logistic) loss on ±1 labels")
            .formula("ℓ = log(1 + e^(−y·x)), y ∈ {−1, 1}; vectors: the mean over labels")
            .roles(Roles.BINARY_PRED, RoleSpec.required("target", RoleKind.NUMERIC, "y ∈ {−1, 1}, same shape as pred")).weighted()
            .reference("torch SoftMarginLoss")
            .notes("Targets must be −1 or 1 (torch's convention); any other value, 0 included, is an input "
                    + "error — with {0, 1} labels use bce-logits, which is the same loss. Computed as "
                    + "softplus(−y·x), stable at any |x|.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return BinaryElements.loss(null, (x, y) -> {
            if (y != 1.0 && y != -1.0) {
                throw new InvalidSampleException("target", "target " + y + " is not −1 or 1");
            }
            return Numerics.log1pExp(-y * x);
        });
    }
}
