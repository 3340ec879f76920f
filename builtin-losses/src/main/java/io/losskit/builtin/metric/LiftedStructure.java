package io.losskit.builtin.metric;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.List;
import java.util.Set;

/**
 * Lifted structured loss over a batch of labelled embeddings: for every positive pair (i, j),
 * i &lt; j, J = log(Σ_{k: yₖ≠yᵢ} e^(α − D_ik) + Σ_{l: yₗ≠yⱼ} e^(α − D_jl)) + D_ij, and the value
 * is Σ max(0, J)² / (2|P|), D the Euclidean distance.
 *
 * <p>Agrees with Song, Xiang, Jegelka &amp; Savarese, CVPR 2016, eq. 4. Since yᵢ = yⱼ both sums
 * run over the same negatives, so J = logaddexp(Lᵢ, Lⱼ) + D_ij with Lᵢ = logsumexp_k(α − D_ik),
 * computed once per anchor: O(n²·d) time and O(n·d) memory.
 */
public final class LiftedStructure implements LossDefinition {

    static final ParamSpec<Double> MARGIN = ParamSpec.ofDouble("margin", "1.0", "the margin α").atLeast(0);

    static final String ID = "lifted-structure";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(ID, "metric")
            .summary("lifted structured loss over labelled batches")
            .formula("J_ij = log(Σ_{k: yₖ≠yᵢ} e^(α − D_ik) + Σ_{l: yₗ≠yⱼ} e^(α − D_jl)) + D_ij;"
                    + " value = Σ_{positive pairs i<j} max(0, J_ij)² / (2|P|)")
            .roles(MetricRoles.EMBEDDING_REQUIRED, MetricRoles.LABEL_REQUIRED)
            .params(MARGIN)
            .reductions(Reduction.MEAN, Reduction.SUM)
            .reference("Song, Xiang, Jegelka & Savarese, CVPR 2016, eq. 4")
            .notes("Labelled embeddings (pred, target) in batches of --batch-size (default: the whole input); "
                    + "D is the plain Euclidean distance. mean = Σ max(0, J)²/2 over all batches divided by the "
                    + "number of positive pairs; sum = Σ max(0, J)²/2. A positive pair with no negative in its "
                    + "batch (a batch of one class) has no J and adds no term; a batch without a term adds "
                    + "nothing and prints a warning, and if no batch has a term the mean is 0/0 = NaN. "
                    + "Log-sum-exps are max-shifted.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return new Batch(params.get(MARGIN));
    }

    private record Batch(double alpha) implements BatchLoss {

        @Override
        public BatchValue evaluate(List<Sample> batch, Tally tally) {
            Embeddings e = Embeddings.read(batch);
            int n = e.n();
            int d = e.x.d;
            double[] lse = new double[n];
            Pairwise.blocks(n, Pairwise.work(n, d), () -> {
                double[][] rows = Pairwise.rowBuffer(n);
                return (from, to) -> {
                    Pairwise.squaredDistances(e.x, from, to, 0, rows);
                    for (int a = from; a < to; a++) {
                        double[] row = rows[a - from];
                        Pairwise.sqrt(row, 0);
                        lse[a] = negativesLogSumExp(e, a, row);
                    }
                    return null;
                };
            });
            int[][] members = membersByClass(e);
            int[] rank = new int[n];
            for (int[] m : members) {
                for (int r = 0; r < m.length; r++) {
                    rank[m[r]] = r;
                }
            }
            long pairWork = 0;
            for (int size : e.classSize) {
                pairWork += (long) size * size / 2 * d;
            }
            List<Partial> parts = Pairwise.blocks(n, pairWork, () -> (from, to) -> {
                Partial p = new Partial();
                for (int i = from; i < to; i++) {
                    if (lse[i] == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    int[] same = members[e.label[i]];
                    for (int r = rank[i] + 1; r < same.length; r++) {
                        int j = same[r];
                        double dij = Math.sqrt(Vectors.squaredDistance(e.x.data, i * d, e.x.data, j * d, d));
                        double jij = Numerics.logAddExp(lse[i], lse[j]) + dij;
                        p.add(jij > 0 ? jij * jij / 2 : 0.0);
                    }
                }
                return p;
            });
            return Partial.merge(parts).finish(tally, false,
                    ID + ": a batch has no positive pair with a negative (it needs a class with two samples"
                            + " and another class); it adds no term");
        }

        /** log Σ_{k: yₖ≠yₐ} e^(α − D_ak), max-shifted; −∞ when the anchor has no negative. */
        private double negativesLogSumExp(Embeddings e, int a, double[] row) {
            int la = e.label[a];
            double nearest = Double.POSITIVE_INFINITY;
            for (int k = 0; k < row.length; k++) {
                if (e.label[k] != la) {
                    nearest = Math.min(nearest, row[k]);
                }
            }
            if (nearest == Double.POSITIVE_INFINITY) {
                return Double.NEGATIVE_INFINITY;
            }
            double s = 0;
            for (int k = 0; k < row.length; k++) {
                if (e.label[k] != la) {
                    s += Math.exp(nearest - row[k]);
                }
            }
            return alpha - nearest + Math.log(s);
        }

        private static int[][] membersByClass(Embeddings e) {
            int[][] members = new int[e.classes][];
            int[] fill = new int[e.classes];
            for (int c = 0; c < e.classes; c++) {
                members[c] = new int[e.classSize[c]];
            }
            for (int i = 0; i < e.n(); i++) {
                members[e.label[i]][fill[e.label[i]]++] = i;
            }
            return members;
        }
    }
}
