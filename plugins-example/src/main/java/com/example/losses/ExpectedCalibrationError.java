package com.example.losses;

import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Expected calibration error: how far predicted probabilities are from observed frequencies.
 * Samples go into M equal-width bins by their confidence c; per bin b, with weight share n_b/N,
 * mean confidence conf_b and accuracy acc_b:
 * ECE = Σ_b (n_b/N)·|acc_b − conf_b| ({@code norm=l1}); {@code l2} gives √(Σ_b (n_b/N)·(acc_b − conf_b)²),
 * {@code max} gives max_b |acc_b − conf_b| over the non-empty bins (the maximum calibration error).
 *
 * <p>A scalar pred is the probability of class 1 of a binary target: c = p, and "accurate" means
 * y = 1. A vector pred holds class probabilities: c = max_k p_k and "accurate" means
 * argmax_k p_k = y (top-label calibration, Guo et al. 2017). Bin b (0-based) holds
 * b/M ≤ c &lt; (b + 1)/M; the last bin also holds c = 1.
 *
 * <p>Not a mean of per-sample terms, so it is an aggregate loss: its accumulator keeps per-bin
 * sums and merges by adding them.
 */
public final class ExpectedCalibrationError implements LossDefinition {

    static final ParamSpec<Integer> BINS = ParamSpec.ofInt("bins", "15", "the number M of equal-width bins over [0, 1]")
            .atLeast(1).atMost(100_000);

    /** What the bins' gaps are summarised by; the words are the names in lower case. */
    enum Norm { L1, L2, MAX }

    static final ParamSpec<Norm> NORM = ParamSpec.ofChoice("norm", Norm.L1,
            "l1: expected calibration error; l2: its root-mean-square form; max: maximum calibration error", Norm.values());

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("ece", "calibration")
            .aliases("expected-calibration-error")
            .summary("expected calibration error over equal-width confidence bins")
            .formula("ECE = Σ_b (n_b/N)·|acc_b − conf_b|")
            .roles(RoleSpec.required("pred", RoleKind.NUMERIC,
                            "the probability of class 1 (binary), or a vector of class probabilities"),
                    RoleSpec.required("target", RoleKind.CLASS, "the true class: 0 or 1 for a scalar pred, else an index"))
            .weighted("the sample weight (default 1): n_b sums weights")
            .params(BINS,
                    NORM)
            .reductions(Reduction.MEAN)
            .details("empty-bins")
            .reference("Naeini et al., AAAI 2015; Guo et al., ICML 2017; torchmetrics BinaryCalibrationError / "
                    + "MulticlassCalibrationError (n_bins, norm)")
            .notes("torchmetrics puts a confidence of exactly 1 in a bin of its own; here it is in the last bin.\n"
                    + "Ties in argmax go to the lowest class index.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        int bins = params.get(BINS);
        Norm norm = params.get(NORM);
        return new AggregateLoss<Bins>() {
            @Override
            public Bins newAccumulator(Reduction reduction) {
                return new Bins(bins, norm);
            }

            @Override
            public Bins decode(Reduction reduction, DataInput in) throws IOException {
                Bins b = new Bins(bins, norm);
                b.count = in.readLong();
                for (int i = 0; i < bins; i++) {
                    b.weight[i] = CompensatedSum.decode(in);
                    b.confidence[i] = CompensatedSum.decode(in);
                    b.accuracy[i] = CompensatedSum.decode(in);
                }
                return b;
            }
        };
    }

    /** Per-bin weight, confidence and accuracy sums: the state, written as the count and three sums a bin. */
    static final class Bins implements Accumulator<Bins> {

        private final Norm norm;
        private long count;
        private final CompensatedSum[] weight;
        private final CompensatedSum[] confidence;
        private final CompensatedSum[] accuracy;

        Bins(int bins, Norm norm) {
            this.norm = norm;
            weight = sums(bins);
            confidence = sums(bins);
            accuracy = sums(bins);
        }

        private static CompensatedSum[] sums(int n) {
            CompensatedSum[] s = new CompensatedSum[n];
            for (int i = 0; i < n; i++) {
                s[i] = new CompensatedSum();
            }
            return s;
        }

        @Override
        public void encode(DataOutput out) throws IOException {
            out.writeLong(count);
            for (int i = 0; i < weight.length; i++) {
                weight[i].encode(out);
                confidence[i].encode(out);
                accuracy[i].encode(out);
            }
        }

        @Override
        public void add(Sample sample, double w) {
            int target = sample.classIndex("target");
            double c;
            boolean correct;
            if (sample.isVector("pred")) {
                double[] p = sample.vector("pred");
                if (target < 0 || target >= p.length) {
                    throw new InvalidSampleException("target", "class index " + target + " is out of range [0, " + p.length + ")");
                }
                int best = 0;
                for (int k = 0; k < p.length; k++) {
                    checkProbability(p[k]);
                    if (p[k] > p[best]) {
                        best = k;
                    }
                }
                c = p[best];
                correct = best == target;
            } else {
                c = checkProbability(sample.number("pred"));
                if (target != 0 && target != 1) {
                    throw new InvalidSampleException("target", "class index " + target + " is out of range [0, 2)");
                }
                correct = target == 1;
            }
            int b = bin(c, weight.length);
            count++;
            weight[b].add(w);
            confidence[b].add(w * c);
            accuracy[b].add(correct ? w : 0.0);
        }

        private static double checkProbability(double p) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new InvalidSampleException("pred", "probability " + p + " is outside [0, 1]");
            }
            return p;
        }

        /** The bin b with b/M ≤ c &lt; (b + 1)/M, or M − 1 for c = 1. */
        static int bin(double c, int m) {
            int b = (int) Math.floor(c * m);
            if (b > 0 && c < (double) b / m) {
                b--;
            } else if (b < m && c >= (double) (b + 1) / m) {
                b++;
            }
            return Math.min(b, m - 1);
        }

        @Override
        public void merge(Bins o) {
            count += o.count;
            for (int b = 0; b < weight.length; b++) {
                weight[b].add(o.weight[b]);
                confidence[b].add(o.confidence[b]);
                accuracy[b].add(o.accuracy[b]);
            }
        }

        @Override
        public LossResult finish() {
            CompensatedSum total = new CompensatedSum();
            for (CompensatedSum w : weight) {
                total.add(w);
            }
            double n = total.value();
            long empty = 0;
            double l1 = 0;
            double l2 = 0;
            double max = 0;
            for (int b = 0; b < weight.length; b++) {
                double nb = weight[b].value();
                if (nb <= 0) {
                    empty++;
                    continue;
                }
                double gap = Math.abs(accuracy[b].value() / nb - confidence[b].value() / nb);
                l1 += nb / n * gap;
                l2 += nb / n * gap * gap;
                max = Math.max(max, gap);
            }
            double value = n > 0 ? switch (norm) {
                case L1 -> l1;
                case L2 -> Math.sqrt(l2);
                case MAX -> max;
            } : Double.NaN;
            return new LossResult(value, null, count, Map.of("empty-bins", empty));
        }
    }
}
