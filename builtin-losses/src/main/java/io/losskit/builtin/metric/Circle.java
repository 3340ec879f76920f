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
 * Circle loss over a batch of labelled embeddings, with cosine similarities s: per anchor with
 * at least one positive and one negative,
 * ℓ = softplus(logsumexp_n(γ·αₙ·(sₙ − Δₙ)) + logsumexp_p(−γ·αₚ·(sₚ − Δₚ))),
 * αₚ = max(0, 1 + m − sₚ), αₙ = max(0, sₙ + m), Δₚ = 1 − m, Δₙ = m; the mean over such anchors.
 *
 * <p>Agrees with Sun et al., CVPR 2020, eq. 6 (the pair-wise labels form); log-sum-exps are
 * max-shifted and softplus is log1p(eˣ) in its stable form, so γ = 256 does not overflow.
 */
public final class Circle implements LossDefinition {

    static final ParamSpec<Double> M = ParamSpec.ofDouble("m", "0.25", "the relaxation margin m")
            .atLeast(0).atMost(1);

    static final ParamSpec<Double> GAMMA = ParamSpec.ofDouble("gamma", "256", "the scale γ").above(0);

    static final String ID = "circle";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(ID, "metric")
            .summary("circle loss over labelled batches (cosine similarities)")
            .formula("ℓₐ = softplus(logsumexp_n(γ·αₙ·(sₙ − m)) + logsumexp_p(−γ·αₚ·(sₚ − (1 − m)))),"
                    + " αₚ = max(0, 1 + m − sₚ), αₙ = max(0, sₙ + m), s = cosine similarity")
            .roles(MetricRoles.EMBEDDING_REQUIRED, MetricRoles.LABEL_REQUIRED)
            .params(M,
                    GAMMA)
            .reductions(Reduction.MEAN, Reduction.SUM)
            .details(Hardness.KEYS)
            .reference("Sun et al., CVPR 2020")
            .notes("""
                    Labelled embeddings (pred, target) in batches of --batch-size (default: the whole input). \
                    s is the cosine similarity (dot product of the L2-normalised vectors); a zero vector is an \
                    input error. Each anchor with at least one positive (another sample of its class) and one \
                    negative is a term; the value is Σ terms / number of such anchors over all batches. An \
                    anchor without a positive or a negative adds no term; a batch with no term adds nothing \
                    and prints a warning, and if no batch has a term the mean is 0/0 = NaN. \
                    details, per anchor: easy when min sₚ ≥ 1 − m and max sₙ ≤ m (every pair inside its \
                    optimum's margin); otherwise hard when max sₙ ≥ min sₚ (a negative at least as similar as \
                    a positive); otherwise semi-hard. Note that a circle term is never exactly 0. \
                    Max-shifted log-sum-exps and a stable softplus keep γ = 256 finite. O(n·d) memory, every core.""")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        return new Batch(params.get(M), params.get(GAMMA));
    }

    private record Batch(double m, double gamma) implements BatchLoss {

        @Override
        public BatchValue evaluate(List<Sample> batch, Tally tally) {
            Embeddings e = Embeddings.read(batch);
            Matrix u = e.x.normalized(MetricRoles.PRED);
            int n = e.n();
            List<Partial> parts = Pairwise.blocks(n, Pairwise.work(n, u.d), () -> {
                double[][] rows = Pairwise.rowBuffer(n);
                double[] positive = new double[n];
                double[] negative = new double[n];
                return (from, to) -> {
                    Pairwise.dots(u, u, from, to, rows);
                    Partial p = new Partial();
                    for (int a = from; a < to; a++) {
                        if (e.positives(a) == 0 || e.negatives(a) == 0) {
                            continue;
                        }
                        double[] s = rows[a - from];
                        int la = e.label[a];
                        int np = 0;
                        int nn = 0;
                        double minPositive = Double.POSITIVE_INFINITY;
                        double maxNegative = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < n; j++) {
                            double sj = s[j];
                            if (e.label[j] != la) {
                                negative[nn++] = gamma * Math.max(0.0, sj + m) * (sj - m);
                                maxNegative = Math.max(maxNegative, sj);
                            } else if (j != a) {
                                positive[np++] = -gamma * Math.max(0.0, 1 + m - sj) * (sj - (1 - m));
                                minPositive = Math.min(minPositive, sj);
                            }
                        }
                        double z = Numerics.logSumExp(negative, 0, nn) + Numerics.logSumExp(positive, 0, np);
                        p.add(Numerics.log1pExp(z), kind(minPositive, maxNegative));
                    }
                    return p;
                };
            });
            return Partial.merge(parts).finish(tally, true, ID
                    + ": a batch has no anchor with both a positive and a negative; it adds no term");
        }

        private Hardness kind(double minPositive, double maxNegative) {
            if (minPositive >= 1 - m && maxNegative <= m) {
                return Hardness.EASY;
            }
            return maxNegative >= minPositive ? Hardness.HARD : Hardness.SEMI_HARD;
        }
    }
}
