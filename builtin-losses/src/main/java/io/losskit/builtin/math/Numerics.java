package io.losskit.builtin.math;

/**
 * The numerics every loss shares, in their stable forms. Each avoids overflow and cancellation
 * at the extremes (logits of ±1000, probabilities of exactly 0 and 1).
 */
public final class Numerics {

    /** torch.nn.BCELoss's floor for log p, so that p = 0 gives a large finite loss. */
    public static final double LOG_FLOOR = -100.0;

    private static final double LOG_2 = Math.log(2.0);

    private Numerics() {
    }

    /** log(1 + eˣ) (softplus), exact for large |x|: max(x, 0) + log1p(e^(−|x|)). */
    public static double log1pExp(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** log σ(x) = −log(1 + e^(−x)). */
    public static double logSigmoid(double x) {
        return -log1pExp(-x);
    }

    /** σ(x) = 1 / (1 + e^(−x)), without overflow for x ≪ 0. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** log p clamped to at least {@link #LOG_FLOOR}, as torch.nn.BCELoss does. */
    public static double clampedLog(double p) {
        return Math.max(Math.log(p), LOG_FLOOR);
    }

    /** log(cosh x) = |x| + log1p(e^(−2|x|)) − log 2. */
    public static double logCosh(double x) {
        double a = Math.abs(x);
        return a + Math.log1p(Math.exp(-2.0 * a)) - LOG_2;
    }

    /** log Σ e^(xᵢ), max-shifted; −∞ for an empty array or all −∞, +∞ if any is +∞. */
    public static double logSumExp(double[] x) {
        return logSumExp(x, 0, x.length);
    }

    /** log Σ e^(xᵢ) over {@code x[from..to)}. */
    public static double logSumExp(double[] x, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, x[i]);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double s = 0.0;
        for (int i = from; i < to; i++) {
            s += Math.exp(x[i] - max);
        }
        return max + Math.log(s);
    }

    /** log(eᵃ + eᵇ), exact when either is −∞. */
    public static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** Writes log softmax(x) into {@code out} (which may be {@code x}) and returns it. */
    public static double[] logSoftmax(double[] x, double[] out) {
        double lse = logSumExp(x);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - lse;
        }
        return out;
    }
}
