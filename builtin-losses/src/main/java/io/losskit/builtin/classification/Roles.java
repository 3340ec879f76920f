package io.losskit.builtin.classification;

import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;

/** The roles the classification losses read. */
final class Roles {

    /** A binary or multi-label pred: one score or a vector of per-label scores. */
    static final RoleSpec BINARY_PRED = RoleSpec.required("pred", RoleKind.NUMERIC,
            "the score of the positive class (a number), or one per label (a vector)");
    /** A binary or multi-label target. */
    static final RoleSpec BINARY_TARGET = RoleSpec.required("target", RoleKind.NUMERIC,
            "y ∈ [0, 1] (soft labels allowed), same shape as pred");
    /** A vector of class scores. */
    static final RoleSpec CLASS_PRED = RoleSpec.required("pred", RoleKind.VECTOR,
            "one score per class");
    /** A class target: index, name or probability vector. */
    static final RoleSpec CLASS_TARGET = RoleSpec.required("target", RoleKind.CLASS,
            "the class: a 0-based index, a class name, or a vector of class probabilities (one-hot or soft)");
    /** A class target that must be a single class. */
    static final RoleSpec HARD_CLASS_TARGET = RoleSpec.required("target", RoleKind.CLASS,
            "the class k: a 0-based index, a class name, or a one-hot vector");

    private Roles() {
    }
}
