package io.losskit.builtin.classification;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Parameters;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import java.util.Set;

/**
 * Binary hinge losses on a score ŷ and a label y ∈ {−1, 1} ({0, 1} labels are mapped to {−1, 1}):
 * {@code hinge} ℓ = max(0, 1 − y·ŷ) and {@code squared-hinge} ℓ = max(0, 1 − y·ŷ)²; the mean over
 * the labels of a multi-label sample. Agree with keras {@code Hinge} / {@code SquaredHinge} and
 * sklearn {@code hinge_loss} (binary).
 */
public final class Hinge implements LossDefinition {

    private static final RoleSpec SIGN_TARGET = RoleSpec.required("target", RoleKind.NUMERIC,
            "y ∈ {−1, 1} (0 is read as −1), same shape as pred");

    private final LossDescriptor descriptor;
    private final boolean squared;

    private Hinge(LossDescriptor descriptor, boolean squared) {
        this.descriptor = descriptor;
        this.squared = squared;
    }

    /** {@code hinge}. */
    public static Hinge hinge() {
        return new Hinge(descriptor("hinge", "hinge loss", "ℓ = max(0, 1 − y·ŷ)",
                "keras Hinge, sklearn hinge_loss"), false);
    }

    /** {@code squared-hinge}. */
    public static Hinge squaredHinge() {
        return new Hinge(descriptor("squared-hinge", "squared hinge loss", "ℓ = max(0, 1 − y·ŷ)²",
                "keras SquaredHinge"), true);
    }

    private static LossDescriptor descriptor(String id, String summary, String formula, String reference) {
        return LossDescriptor.builder(id, "classification")
                .summary(summary)
                .formula(formula + "; vectors: the mean over labels")
                .roles(Roles.BINARY_PRED, SIGN_TARGET).weighted()
                .reference(reference)
                .notes("pred is a score (a decision function value, not a probability). Targets are −1 or 1; a "
                        + "target of 0 is read as −1, so {0, 1} labels work as in keras and sklearn. Any other "
                        + "target is an input error. A vector pred is multi-label and ℓ is the mean over its labels.")
                .build();
    }

    @Override
    public LossDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return BinaryElements.loss("categorical-hinge", (x, target) -> {
            double h = Math.max(0.0, 1.0 - BinaryElements.signTarget(target) * x);
            return squared ? h * h : h;
        });
    }
}
