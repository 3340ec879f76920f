package io.losskit.builtin.metric;

import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import java.util.List;
import java.util.Set;

/**
 * Triplet margin loss: ℓ = max(0, d(a, p) − d(a, n) + margin). Over explicit triplets d is
 * torch's pairwise_distance ‖x − y + eps‖₂ ({@code squared=true}: ‖x − y‖², no eps, as FaceNet);
 * {@code swap=true} uses min(d(a, n), d(p, n)). Over labelled embeddings the triplets are mined
 * from each batch ({@link TripletMining}).
 *
 * <p>Agrees with torch {@code TripletMarginLoss} (explicit), Schroff et al. 2015 (squared, all
 * triplets), Hermans et al. 2017 (batch hard) and TensorFlow Addons {@code triplet_semihard_loss}.
 */
public final class Triplet implements LossDefinition {

    static final ParamSpec<Double> MARGIN = ParamSpec.ofDouble("margin", "1.0", "the margin").atLeast(0);

    static final ParamSpec<Double> EPS = ParamSpec.ofDouble("eps", "1e-6",
            "added to x − y in explicit triplets' distances (torch pairwise_distance)");

    static final ParamSpec<Boolean> SQUARED = ParamSpec.ofBoolean("squared", "false",
            "use squared Euclidean distances (FaceNet), without eps");

    static final ParamSpec<Boolean> SWAP = ParamSpec.ofBoolean("swap", "false",
            "explicit triplets: use min(d(a, n), d(p, n)) (distance swap)");

    static final ParamSpec<TripletMining.Mining> MINING = ParamSpec.ofChoice("mining", TripletMining.Mining.ALL,
            "labelled embeddings: which triplets of a batch are terms", TripletMining.Mining.values());

    static final String ID = "triplet";
    private static final List<String> TUPLE = List.of("anchor", "positive", "negative");

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(ID, "metric")
            .summary("triplet margin loss over explicit triplets or triplets mined from labelled batches")
            .formula("ℓ = max(0, d(a, p) − d(a, n) + margin), d(x, y) = ‖x − y + eps‖₂"
                    + " (squared=true: ‖x − y‖², no eps; swap=true: d(a, n) → min(d(a, n), d(p, n)))")
            .roles(MetricRoles.ANCHOR, MetricRoles.POSITIVE, MetricRoles.NEGATIVE,
                    MetricRoles.EMBEDDING, MetricRoles.LABEL).weighted(MetricRoles.TUPLE_WEIGHT)
            .params(MARGIN,
                    EPS,
                    SQUARED,
                    SWAP,
                    MINING)
            .details(Hardness.KEYS)
            .reference("torch TripletMarginLoss; Schroff et al. 2015; Hermans et al. 2017; "
                    + "TF Addons triplet_semihard_loss")
            .notes("""
                    Two input shapes. Explicit triplets (roles anchor, positive, negative): one term per \
                    sample, with sample weights and every reduction; d is torch's pairwise_distance \
                    ‖x − y + eps‖₂. Labelled embeddings (roles pred, target), in batches of --batch-size \
                    (default: the whole input), with the plain distance ‖x − y‖ (eps is not used) and \
                    positive pairs (a, p) ordered, a ≠ p, same label: \
                    mining=all — every triplet (a, p, n) with label(n) ≠ label(a) is a term; \
                    mining=hard — per anchor, the farthest positive and the nearest negative, one term per \
                    anchor that has both (Hermans et al.); \
                    mining=semi-hard — per positive pair, the nearest negative farther than d(a, p), or if \
                    there is none the farthest negative, one term per positive pair whose anchor has a \
                    negative (TF Addons triplet_semihard_loss). The value is Σ terms / number of terms over \
                    all batches; none is refused in this shape, and so are a weight role, swap=true (the \
                    mining picks the negative) and, with explicit triplets, mining other than all. \
                    When the input has anchor, positive, negative and pred, the explicit triplets are used. \
                    details: easy = a term of 0; hard = d(a, n) ≤ d(a, p) (with swap, the swapped \
                    d(a, n)); every other term is semi-hard. \
                    An anchor with no positive or no negative adds no term. A batch with no term at all \
                    (one class, or every class a singleton) adds nothing and prints a warning; if no batch \
                    has a term the mean is 0/0 = NaN. \
                    The mining never holds an n×n matrix (O(n·d) memory), uses every core, and counts the \
                    all-triplets terms per positive pair by bucketing the negatives' distances, so it is \
                    O(n² (d + log n)) rather than O(n³).""")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        MetricRoles.Shape shape = MetricRoles.shape(ID, roles, TUPLE, "explicit triplets");
        double margin = params.get(MARGIN);
        double eps = params.get(EPS);
        boolean squared = params.get(SQUARED);
        boolean swap = params.get(SWAP);
        TripletMining.Mining mining = params.get(MINING);
        if (shape == MetricRoles.Shape.LABELLED) {
            if (swap) {
                throw new IllegalArgumentException(ID + ".swap applies to explicit triplets"
                        + " (anchor, positive, negative); with labelled embeddings the mining picks the negative");
            }
            return new TripletMining(mining, margin, squared);
        }
        if (mining != TripletMining.Mining.ALL) {
            throw new IllegalArgumentException(ID + ".mining applies to labelled embeddings (pred, target);"
                    + " the input holds explicit triplets (anchor, positive, negative)");
        }
        return (PerSampleLoss) (sample, tally) -> {
            double[] a = MetricRoles.vector(sample, "anchor");
            double[] p = MetricRoles.vectorLike(sample, "positive", a, "anchor");
            double[] n = MetricRoles.vectorLike(sample, "negative", a, "anchor");
            double dp = distance(a, p, squared, eps);
            double dn = distance(a, n, squared, eps);
            if (swap) {
                dn = Math.min(dn, distance(p, n, squared, eps));
            }
            double term = Math.max(0.0, margin + dp - dn);
            Hardness.of(term, dn <= dp).count(tally);
            return term;
        };
    }

    private static double distance(double[] x, double[] y, boolean squared, double eps) {
        return squared ? Vectors.squaredDistance(x, y) : Math.sqrt(Vectors.squaredDistance(x, y, eps));
    }
}
