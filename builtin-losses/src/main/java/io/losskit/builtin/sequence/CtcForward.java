package io.losskit.builtin.sequence;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.InvalidSampleException;
import java.util.Arrays;

/**
 * The CTC forward algorithm (Graves et al. 2006): −log p(labels | x) summed over every alignment
 * of the labels, with blanks, to the first n rows of x.
 *
 * <p>Two evaluations of the same recursion over the extended label sequence l′ (a blank before,
 * between and after the labels; S = 2L + 1 states):
 * <ul>
 *   <li>in probability space with exact power-of-two rescaling at every step (Rabiner's scaling,
 *       but by powers of two so that no rounding is added). Each row's emissions are divided by the
 *       largest probability among the classes the target uses, and its log is added back. This is
 *       the fast path: no exp or log per state, only one exp per row and used class;</li>
 *   <li>in log space (log-sum-exp per state, as torch computes it), whenever the fast path would
 *       lose precision: as soon as a positive emission or state value falls below 2⁻¹⁰⁰⁰ relative
 *       to its row or step maximum, where a double would underflow or go subnormal. Peaky inputs
 *       with log-probabilities below about −690 take this path.</li>
 * </ul>
 * Both visit only the states that can still reach the end in the remaining steps and that can be
 * reached from the start, as torch does.
 *
 * <p>Not thread-safe: it reuses its buffers.
 */
final class CtcForward {

    /** How pred's rows are given. */
    enum Input {
        LOG_PROBS, LOGITS, PROBS
    }

    private static final double TINY = 0x1p-1000;
    private static final double LN2 = Math.log(2.0);

    private final Input input;
    private final int blank;
    /** For tests: always use the log-space evaluation. */
    boolean forceLogSpace;
    /** For tests: whether the last call took the log-space evaluation. */
    boolean usedLogSpace;

    private int[] slotOfClass = new int[0];
    private int[] used = new int[16];
    private int[] stateSlot = new int[16];
    private double[] skip = new double[16];
    private double[] lp = new double[256];
    private double[] emission = new double[16];
    private double[] alphaA = new double[16];
    private double[] alphaB = new double[16];

    CtcForward(Input input, int blank) {
        this.input = input;
        this.blank = blank;
    }

    /**
     * −log p(labels[0..length) | x[0..n)), or +∞ when no alignment has a positive probability.
     *
     * @throws InvalidSampleException when blank or a label is out of range, a label is the blank,
     *     or a value of x is not a valid input of its kind
     */
    double negLogLikelihood(double[][] x, int n, int[] labels, int length) {
        if (x.length == 0) {
            throw new InvalidSampleException("pred", "an empty matrix (CTC needs at least one time step)");
        }
        int classes = x[0].length;
        if (blank >= classes) {
            throw new InvalidSampleException("pred", "a matrix of " + classes + " classes, but blank is " + blank);
        }
        int repeats = 0;
        for (int k = 0; k < length; k++) {
            int l = labels[k];
            if (l < 0 || l >= classes) {
                throw new InvalidSampleException("target", "label " + l + " at position " + k
                        + " is out of range [0, " + classes + ")");
            }
            if (l == blank) {
                throw new InvalidSampleException("target", "label " + l + " at position " + k
                        + " is the blank; a CTC target holds no blanks");
            }
            if (k > 0 && l == labels[k - 1]) {
                repeats++;
            }
        }
        usedLogSpace = false;
        if (n < length + repeats) {
            return Double.POSITIVE_INFINITY; // too few steps: a repeat needs a blank in between
        }
        if (n == 0) {
            return 0.0; // the empty target over no steps has probability 1
        }
        int u = prepare(labels, length, classes);
        int states = 2 * length + 1;
        fillLogProbs(x, n, u);
        if (!forceLogSpace) {
            double r = scaled(n, u, states);
            if (!Double.isNaN(r)) {
                return r;
            }
        }
        usedLogSpace = true;
        return logSpace(n, u, states);
    }

    /** Maps the used classes (blank first) to slots and the states to their slots; returns the count. */
    private int prepare(int[] labels, int length, int classes) {
        if (slotOfClass.length < classes) {
            slotOfClass = new int[classes];
        }
        int states = 2 * length + 1;
        if (used.length < length + 1) {
            used = new int[length + 1];
        }
        if (stateSlot.length < states) {
            stateSlot = new int[states];
            skip = new double[states];
        }
        Arrays.fill(slotOfClass, 0, classes, -1);
        int u = 0;
        used[u] = blank;
        slotOfClass[blank] = u++;
        for (int k = 0; k < length; k++) {
            int l = labels[k];
            if (slotOfClass[l] < 0) {
                used[u] = l;
                slotOfClass[l] = u++;
            }
        }
        for (int s = 0; s < states; s++) {
            if ((s & 1) == 0) {
                stateSlot[s] = 0;
                skip[s] = 0.0;
            } else {
                int k = (s - 1) / 2;
                stateSlot[s] = slotOfClass[labels[k]];
                skip[s] = k > 0 && labels[k] != labels[k - 1] ? 1.0 : 0.0;
            }
        }
        return u;
    }

    /** lp[t·u + i] = log-probability of used class i at step t. */
    private void fillLogProbs(double[][] x, int n, int u) {
        if (lp.length < n * u) {
            lp = new double[Math.max(n * u, lp.length * 2)];
        }
        for (int t = 0; t < n; t++) {
            double[] row = x[t];
            double shift = input == Input.LOGITS ? Numerics.logSumExp(row) : 0.0;
            for (int i = 0; i < u; i++) {
                int c = used[i];
                double v = row[c];
                double l;
                switch (input) {
                    case PROBS:
                        if (!(v >= 0.0 && v <= 1.0)) {
                            throw new InvalidSampleException("pred", "probability " + v + " at row " + t
                                    + ", class " + c + " is outside [0, 1]");
                        }
                        l = Numerics.clampedLog(v);
                        break;
                    case LOGITS:
                        l = v - shift;
                        break;
                    default:
                        l = v;
                }
                if (Double.isNaN(l) || l == Double.POSITIVE_INFINITY) {
                    throw new InvalidSampleException("pred", "value " + v + " at row " + t + ", class " + c
                            + " is not a valid " + (input == Input.LOGITS ? "logit row" : "log-probability"));
                }
                lp[t * u + i] = l;
            }
        }
    }

    /**
     * The recursion in probability space, rescaled by powers of two; NaN when a value would fall
     * out of the double's normal range, so that the caller takes the log-space path.
     */
    private double scaled(int n, int u, int states) {
        if (emission.length < u) {
            emission = new double[u];
        }
        ensureAlpha(states);
        double[] prev = alphaA;
        double[] cur = alphaB;
        Arrays.fill(prev, 0, states + 2, 0.0);
        Arrays.fill(cur, 0, states + 2, 0.0);
        double[] e = emission;
        double logShift = 0.0;
        long exponent = 0;
        for (int t = 0; t < n; t++) {
            // Emissions of this row, divided by the largest one among the used classes.
            int base = t * u;
            double rowMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < u; i++) {
                rowMax = Math.max(rowMax, lp[base + i]);
            }
            if (rowMax == Double.NEGATIVE_INFINITY) {
                return Double.POSITIVE_INFINITY; // every class the target needs has probability 0
            }
            logShift += rowMax;
            for (int i = 0; i < u; i++) {
                double l = lp[base + i];
                double v = Math.exp(l - rowMax);
                if (v < TINY && l != Double.NEGATIVE_INFINITY) {
                    return Double.NaN;
                }
                e[i] = v;
            }
            // States are stored at index s + 2; indices 0 and 1 stay 0.
            int lo = Math.max(0, states - 2 * (n - t));
            int hi = Math.min(states - 1, 2 * t + 1);
            double max = 0.0;
            if (t == 0) {
                cur[2] = e[0];
                if (states > 1) {
                    cur[3] = e[stateSlot[1]];
                }
                max = Math.max(cur[2], states > 1 ? cur[3] : 0.0);
            } else {
                for (int s = lo; s <= hi; s++) {
                    double a = prev[s + 2] + prev[s + 1] + skip[s] * prev[s];
                    double em = e[stateSlot[s]];
                    double v = a * em;
                    if (v < TINY && a != 0.0 && em != 0.0) {
                        return Double.NaN;
                    }
                    cur[s + 2] = v;
                    max = Math.max(max, v);
                }
            }
            if (max == 0.0) {
                return Double.POSITIVE_INFINITY;
            }
            int k = Math.getExponent(max);
            if (k != 0) {
                double f = Double.longBitsToDouble((long) (Double.MAX_EXPONENT - k) << 52);
                int from = t == 0 ? 0 : lo;
                for (int s = from; s <= hi; s++) {
                    cur[s + 2] *= f;
                }
                exponent += k;
            }
            double[] swap = prev;
            prev = cur;
            cur = swap;
        }
        double p = prev[states + 1] + (states > 1 ? prev[states] : 0.0);
        if (p == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        return -(logShift + Math.log(p) + exponent * LN2);
    }

    /** The recursion in log space, as torch computes it. */
    private double logSpace(int n, int u, int states) {
        ensureAlpha(states);
        final double ninf = Double.NEGATIVE_INFINITY;
        double[] prev = alphaA;
        double[] cur = alphaB;
        Arrays.fill(prev, 0, states + 2, ninf);
        Arrays.fill(cur, 0, states + 2, ninf);
        cur[2] = lp[0];
        if (states > 1) {
            cur[3] = lp[stateSlot[1]];
        }
        for (int t = 1; t < n; t++) {
            double[] swap = prev;
            prev = cur;
            cur = swap;
            int base = t * u;
            int lo = Math.max(0, states - 2 * (n - t));
            int hi = Math.min(states - 1, 2 * t + 1);
            for (int s = lo; s <= hi; s++) {
                double c = skip[s] != 0.0 ? prev[s] : ninf;
                double a = Numerics.logAddExp(prev[s + 2], prev[s + 1], c);
                cur[s + 2] = a == ninf ? ninf : a + lp[base + stateSlot[s]];
            }
        }
        double ll = states > 1 ? Numerics.logAddExp(cur[states + 1], cur[states]) : cur[states + 1];
        return ll == ninf ? Double.POSITIVE_INFINITY : -ll;
    }

    private void ensureAlpha(int states) {
        if (alphaA.length < states + 2) {
            alphaA = new double[states + 2];
            alphaB = new double[states + 2];
        }
    }
}
