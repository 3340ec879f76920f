package io.losskit.builtin.metric;

import io.losskit.spi.InvalidInputException;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import java.util.List;
import java.util.Set;

/**
 * The roles the metric losses share, how a loss with two input shapes picks one, and the
 * checks every explicit tuple needs (equal dimensions, pair targets).
 */
final class MetricRoles {

    static final String PRED = "pred";
    static final String TARGET = "target";

    static final RoleSpec EMBEDDING = RoleSpec.optional(PRED, RoleKind.VECTOR,
            "labelled embeddings: the embedding vector (alias embedding)");
    static final RoleSpec LABEL = RoleSpec.optional(TARGET, RoleKind.LABEL,
            "labelled embeddings: the class label (alias label)");
    /** The two roles of a loss that reads labelled embeddings only. */
    static final RoleSpec EMBEDDING_REQUIRED = RoleSpec.required(PRED, RoleKind.VECTOR,
            "the embedding vector (alias embedding)");
    static final RoleSpec LABEL_REQUIRED = RoleSpec.required(TARGET, RoleKind.LABEL, "the class label (alias label)");
    /** What the sample weight is to a loss with explicit tuples. */
    static final String TUPLE_WEIGHT =
            "explicit tuples: the sample weight wᵢ (default 1); not allowed with labelled embeddings";
    static final RoleSpec ANCHOR = RoleSpec.optional("anchor", RoleKind.VECTOR,
            "explicit triplets: the anchor embedding");
    static final RoleSpec POSITIVE = RoleSpec.optional("positive", RoleKind.VECTOR,
            "explicit triplets: an embedding of the anchor's class");
    static final RoleSpec NEGATIVE = RoleSpec.optional("negative", RoleKind.VECTOR,
            "explicit triplets: an embedding of another class");

    /** The two input shapes of LOSSES.md's metric-learning section. */
    enum Shape {
        /** Explicit pairs or triplets, one per sample: a per-sample loss. */
        TUPLES,
        /** Embeddings with class labels, evaluated over batches. */
        LABELLED
    }

    private MetricRoles() {
    }

    /**
     * Picks the input shape from the roles present. Explicit tuples win when the input has both
     * (their role names are specific, {@code pred} is not). Labelled embeddings refuse a
     * {@code weight} role: their terms are pairs or triplets of samples, which a sample weight
     * does not weigh.
     *
     * @param tupleRoles the roles of the explicit shape, e.g. anchor, positive, negative
     * @param tupleName what the explicit shape is called, e.g. "explicit triplets"
     * @throws InvalidInputException when neither shape is complete
     */
    static Shape shape(String id, Set<String> roles, List<String> tupleRoles, String tupleName) {
        if (roles.containsAll(tupleRoles)) {
            return Shape.TUPLES;
        }
        if (roles.contains(PRED) && roles.contains(TARGET)) {
            rejectWeights(id, roles);
            return Shape.LABELLED;
        }
        List<String> missing = tupleRoles.stream().filter(r -> !roles.contains(r)).toList();
        List<String> missingLabelled = List.of(PRED, TARGET).stream().filter(r -> !roles.contains(r)).toList();
        throw new InvalidInputException(id + " reads " + tupleName + " (" + String.join(", ", tupleRoles)
                + ") or labelled embeddings (pred, target): the input lacks " + String.join(", ", missing)
                + " for the first and " + String.join(", ", missingLabelled) + " for the second");
    }

    /** Refuses a weight role for a loss over batches. */
    static void rejectWeights(String id, Set<String> roles) {
        if (roles.contains(LossDescriptor.WEIGHT)) {
            throw new InvalidInputException(id + ": sample weights apply to explicit pairs and triplets only;"
                    + " over a batch each term involves several samples (remove the weight column)");
        }
    }

    /** A vector role, checked to be non-empty. */
    static double[] vector(Sample sample, String role) {
        double[] v = sample.vector(role);
        if (v.length == 0) {
            throw new InvalidSampleException(role, "an empty vector");
        }
        return v;
    }

    /** A vector role whose length must equal that of {@code reference} (read from {@code referenceRole}). */
    static double[] vectorLike(Sample sample, String role, double[] reference, String referenceRole) {
        double[] v = sample.vector(role);
        if (v.length != reference.length) {
            throw new InvalidSampleException(role, "a vector of dimension " + v.length + " where "
                    + referenceRole + " has dimension " + reference.length);
        }
        return v;
    }

    /**
     * A pair target: {@code true} for 1 (similar), {@code false} for 0 or −1 (dissimilar).
     *
     * @param allowZero whether 0 means dissimilar (it does not for margin-ranking)
     */
    static boolean similar(double y, boolean allowZero) {
        if (y == 1.0) {
            return true;
        }
        if (y == -1.0 || (allowZero && y == 0.0)) {
            return false;
        }
        throw new InvalidSampleException(TARGET, (allowZero ? "must be 1 (similar), 0 or −1 (dissimilar), not "
                : "must be 1 or −1, not ") + format(y));
    }

    /** A pair target held by a {@link RoleKind#LABEL} role (the contrastive loss shares it with labels). */
    static boolean similar(String text) {
        double y;
        try {
            y = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSampleException(TARGET, "must be 1 (similar), 0 or −1 (dissimilar), not '" + text + "'");
        }
        return similar(y, true);
    }

    private static String format(double y) {
        return y == Math.rint(y) && Math.abs(y) < 1e15 ? Long.toString((long) y) : Double.toString(y);
    }
}
