package io.losskit.builtin.metric;

import io.losskit.spi.BatchLoss;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.List;
import java.util.Set;

/**
 * Contrastive loss: for a pair at Euclidean distance D with y = 1 for a similar pair and 0 for a
 * dissimilar one, ℓ = y·D² + (1 − y)·max(0, margin − D)²; {@code squared=false} drops both
 * squares (the "pairwise ranking loss"). Explicit pairs (a, b, target) give one term per sample;
 * labelled embeddings give the mean over every pair i &lt; j of a batch, similar when the labels
 * are equal.
 *
 * <p>Agrees with Hadsell, Chopra &amp; LeCun, CVPR 2006, eq. 4 (with the ½ factors dropped, as
 * LOSSES.md defines it). D is the plain ‖a − b‖, without torch's pairwise_distance eps.
 */
public final class Contrastive implements LossDefinition {

    static final ParamSpec<Double> MARGIN = ParamSpec.ofDouble("margin", "1.0",
            "distance beyond which a dissimilar pair costs nothing").atLeast(0);

    static final ParamSpec<Boolean> SQUARED = ParamSpec.ofBoolean("squared", "true",
            "square both terms (false: the pairwise ranking loss)");

    static final String ID = "contrastive";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(ID, "metric")
            .summary("contrastive loss over explicit pairs or all pairs of a labelled batch")
            .formula("ℓ = y·D² + (1 − y)·max(0, margin − D)², D = ‖a − b‖, y = 1 similar / 0 dissimilar;"
                    + " squared=false: y·D + (1 − y)·max(0, margin − D)")
            .roles(RoleSpec.optional("a", RoleKind.VECTOR, "explicit pairs: the first embedding"),
                    RoleSpec.optional("b", RoleKind.VECTOR, "explicit pairs: the second embedding"),
                    RoleSpec.required(MetricRoles.TARGET, RoleKind.LABEL,
                            "explicit pairs: 1 similar, 0 or −1 dissimilar; labelled embeddings: the class label"),
                    MetricRoles.EMBEDDING).weighted(MetricRoles.TUPLE_WEIGHT)
            .params(MARGIN,
                    SQUARED)
            .details(Hardness.KEYS)
            .reference("Hadsell, Chopra & LeCun, CVPR 2006")
            .notes("""
                    Two input shapes. Explicit pairs (roles a, b, target; target 1 = similar, 0 or −1 = \
                    dissimilar): one term per sample, with sample weights and every reduction. Labelled \
                    embeddings (roles pred, target): every pair i < j of a batch of --batch-size samples \
                    (default: the whole input) is a term, similar when the labels are equal; the value is \
                    Σ terms / number of pairs over all batches. none is refused in that shape, and so is a \
                    weight role. When the input has a, b and pred, the explicit pairs are used. \
                    D is the plain Euclidean distance (no eps). \
                    details: easy = a term of 0; hard = a similar pair with D ≥ margin/2 or a dissimilar \
                    pair with D ≤ margin/2; every other term is semi-hard. \
                    A batch of one sample has no pair: it adds no term and a warning is printed; if no \
                    batch has a term the mean is 0/0 = NaN. The distance pass never holds an n×n matrix \
                    (O(n·d) memory) and uses every core.""")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        MetricRoles.Shape shape = MetricRoles.shape(ID, roles, List.of("a", "b"), "explicit pairs");
        double margin = params.get(MARGIN);
        boolean squared = params.get(SQUARED);
        if (shape == MetricRoles.Shape.TUPLES) {
            return (PerSampleLoss) (sample, tally) -> {
                double[] a = MetricRoles.vector(sample, "a");
                double[] b = MetricRoles.vectorLike(sample, "b", a, "a");
                boolean similar = MetricRoles.similar(sample.text(MetricRoles.TARGET));
                double dist = Math.sqrt(Vectors.squaredDistance(a, b));
                double term = term(dist, similar, margin, squared);
                kind(term, dist, similar, margin).count(tally);
                return term;
            };
        }
        return new Labelled(margin, squared);
    }

    /** The term of a pair at distance {@code dist}. */
    static double term(double dist, boolean similar, double margin, boolean squared) {
        if (similar) {
            return squared ? dist * dist : dist;
        }
        double h = Math.max(0.0, margin - dist);
        return squared ? h * h : h;
    }

    /** Easy: the term is 0; hard: similar with D ≥ margin/2 or dissimilar with D ≤ margin/2. */
    static Hardness kind(double term, double dist, boolean similar, double margin) {
        return Hardness.of(term, similar ? dist >= margin / 2 : dist <= margin / 2);
    }

    /** Every pair i &lt; j of a labelled batch. */
    private record Labelled(double margin, boolean squared) implements BatchLoss {

        @Override
        public BatchValue evaluate(List<Sample> batch, Tally tally) {
            Embeddings e = Embeddings.read(batch);
            int n = e.n();
            List<Partial> parts = Pairwise.blocks(n, Pairwise.work(n, e.x.d) / 2, () -> {
                double[][] rows = Pairwise.rowBuffer(n);
                return (from, to) -> {
                    Pairwise.squaredDistances(e.x, from, to, from + 1, rows);
                    Partial p = new Partial();
                    for (int a = from; a < to; a++) {
                        double[] row = rows[a - from];
                        Pairwise.sqrt(row, a + 1);
                        int la = e.label[a];
                        for (int j = a + 1; j < n; j++) {
                            boolean similar = e.label[j] == la;
                            double term = term(row[j], similar, margin, squared);
                            p.add(term, kind(term, row[j], similar, margin));
                        }
                    }
                    return p;
                };
            });
            return Partial.merge(parts).finish(tally, true,
                    ID + ": a batch of one sample has no pair; it adds no term");
        }
    }
}
