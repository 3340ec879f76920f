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
 *   <li>with an exponent of its own per state (value = mantissa·2^exponent, the exponent a
 *       double holding a whole number), whenever the fast path would lose precision: as soon as a
 *       positive emission or state value falls below 2⁻¹⁰⁰⁰ relative to its row or step maximum,
 *       where a double would underflow or go subnormal. Peaky inputs (confident models, long
 *       inputs) take this path. It never underflows, like torch's log-space recursion, and needs
 *       no exp or log per state either.</li>
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
    /** The exponent of a zero value in {@link #extended}: below any other, and its scale is 0. */
    private static final double ZERO_EXP = Double.NEGATIVE_INFINITY;

    private final Input input;
    private final int blank;
    /** For tests: always use the evaluation with an exponent per state. */
    boolean forceExtended;
    /** For tests: whether the last call took the evaluation with an exponent per state. */
    boolean usedExtended;

    private int[] slotOfClass = new int[0];
    private int[] used = new int[16];
    private int[] stateSlot = new int[16];
    private double[] skip = new double[16];
    private double[] lp = new double[256];
    private double[] emission = new double[16];
    private double[] emissionExp = new double[16];
    private double[] expA = new double[16];
    private double[] expB = new double[16];
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
        usedExtended = false;
        if (n < length + repeats) {
            return Double.POSITIVE_INFINITY; // too few steps: a repeat needs a blank in between
        }
        if (n == 0) {
            return 0.0; // the empty target over no steps has probability 1
        }
        int u = prepare(labels, length, classes);
        int states = 2 * length + 1;
        double logShift = fillLogProbs(x, n, u);
        if (logShift == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY; // at some step every class the target needs has probability 0
        }
        if (!forceExtended) {
            double r = scaled(n, u, states);
            if (!Double.isNaN(r)) {
                return r - logShift;
            }
        }
        usedExtended = true;
        return extended(n, u, states) - logShift;
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

    /**
     * lp[t·u + i] = log-probability of used class i at step t, less the largest of row t's (so
     * each row's largest emission is 1); returns the sum of those maxima, −∞ when a row has none.
     */
    private double fillLogProbs(double[][] x, int n, int u) {
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
        double logShift = 0.0;
        for (int t = 0; t < n; t++) {
            int base = t * u;
            double rowMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < u; i++) {
                rowMax = Math.max(rowMax, lp[base + i]);
            }
            if (rowMax == Double.NEGATIVE_INFINITY) {
                return rowMax;
            }
            for (int i = 0; i < u; i++) {
                lp[base + i] -= rowMax;
            }
            logShift += rowMax;
        }
        return logShift;
    }

    /**
     * The recursion in probability space, rescaled by powers of two; NaN when a value would fall
     * out of the double's normal range, so that the caller takes {@link #extended}.
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
        long exponent = 0;
        for (int t = 0; t < n; t++) {
            // Emissions of this row, relative to the largest one among the used classes.
            int base = t * u;
            for (int i = 0; i < u; i++) {
                double l = lp[base + i];
                double v = Math.exp(l);
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
        return -(Math.log(p) + exponent * LN2);
    }

    /**
     * The recursion in probability space with an exponent of its own per state: value =
     * mantissa·2^exponent with the mantissa in [1, 2) (or 0), so that no value underflows however
     * far apart the states' masses are. Emissions are taken relative to the row's largest, as in
     * {@link #scaled}; an emission below 2⁻¹⁰⁰⁰ is split into mantissa and exponent too.
     */
    private double extended(int n, int u, int states) {
        ensureAlpha(states);
        if (emission.length < u) {
            emission = new double[u];
        }
        if (emissionExp.length < u) {
            emissionExp = new double[u];
        }
        if (expA.length < states + 2) {
            expA = new double[states + 2];
            expB = new double[states + 2];
        }
        double[] prev = alphaA;
        double[] cur = alphaB;
        double[] prevExp = expA;
        double[] curExp = expB;
        Arrays.fill(prev, 0, states + 2, 0.0);
        Arrays.fill(cur, 0, states + 2, 0.0);
        Arrays.fill(prevExp, 0, states + 2, ZERO_EXP);
        Arrays.fill(curExp, 0, states + 2, ZERO_EXP);
        double[] e = emission;
        double[] ex = emissionExp;
        for (int t = 0; t < n; t++) {
            int base = t * u;
            for (int i = 0; i < u; i++) {
                double d = lp[base + i];
                if (d >= -700.0) {
                    e[i] = Math.exp(d);
                    ex[i] = 0.0;
                } else if (d == Double.NEGATIVE_INFINITY) {
                    e[i] = 0.0;
                    ex[i] = ZERO_EXP;
                } else {
                    // e^d = e^r·2^k with d = k·ln 2 + r, r in [0, ln 2).
                    double k = Math.floor(d / LN2);
                    e[i] = Math.exp(d - k * LN2);
                    ex[i] = k;
                }
            }
            int lo = Math.max(0, states - 2 * (n - t));
            int hi = Math.min(states - 1, 2 * t + 1);
            if (t == 0) {
                store(cur, curExp, 2, e[0], ex[0]);
                if (states > 1) {
                    store(cur, curExp, 3, e[stateSlot[1]], ex[stateSlot[1]]);
                }
            } else {
                for (int s = lo; s <= hi; s++) {
                    double xa = prevExp[s + 2];
                    double xb = prevExp[s + 1];
                    double xc = skip[s] != 0.0 ? prevExp[s] : ZERO_EXP;
                    double top = Math.max(xa, Math.max(xb, xc));
                    int slot = stateSlot[s];
                    double em = e[slot];
                    if (top == ZERO_EXP || em == 0.0) {
                        cur[s + 2] = 0.0;
                        curExp[s + 2] = ZERO_EXP;
                        continue;
                    }
                    double a = prev[s + 2] * pow2(xa - top) + prev[s + 1] * pow2(xb - top);
                    if (xc != ZERO_EXP) {
                        a += prev[s] * pow2(xc - top);
                    }
                    // a in [1, 6) and em in [2⁻¹⁰¹⁰, 2): v is a normal number.
                    store(cur, curExp, s + 2, a * em, top + ex[slot]);
                }
            }
            double[] swap = prev;
            prev = cur;
            cur = swap;
            double[] swapExp = prevExp;
            prevExp = curExp;
            curExp = swapExp;
        }
        double xa = prevExp[states + 1];
        double xb = states > 1 ? prevExp[states] : ZERO_EXP;
        double top = Math.max(xa, xb);
        if (top == ZERO_EXP) {
            return Double.POSITIVE_INFINITY;
        }
        double p = prev[states + 1] * pow2(xa - top) + (states > 1 ? prev[states] * pow2(xb - top) : 0.0);
        return -(Math.log(p) + top * LN2);
    }

    /** Stores v·2^x at {@code s} with a mantissa in [1, 2), or as zero. */
    private static void store(double[] mantissa, double[] exponent, int s, double v, double x) {
        if (v == 0.0) {
            mantissa[s] = 0.0;
            exponent[s] = ZERO_EXP;
        } else {
            int k = Math.getExponent(v);
            mantissa[s] = v * pow2(-k);
            exponent[s] = x + k;
        }
    }

    /**
     * 2^k for a whole k ≤ 1023; 0 below the normal range, where a term is negligible beside the
     * largest one (which is scaled by 2⁰).
     */
    private static double pow2(double k) {
        return k < Double.MIN_EXPONENT ? 0.0 : Double.longBitsToDouble((long) (k + Double.MAX_EXPONENT) << 52);
    }

    private void ensureAlpha(int states) {
        if (alphaA.length < states + 2) {
            alphaA = new double[states + 2];
            alphaB = new double[states + 2];
        }
    }
}
