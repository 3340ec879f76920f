package io.losskit.builtin.classification;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;

/**
 * What a classification loss's pred holds: the {@code input} parameter of LOSSES.md. Each mode
 * turns a pred value into (log-)probabilities in the stable form for it, and checks the value's
 * domain: a probability outside [0, 1], or a binary log-probability above 0, is an input error
 * of role {@code pred}. Class log-probabilities are used as given, as torch's NLLLoss does.
 *
 * <p>A binary pred x is a logit (p = σ(x)), a probability p or a log-probability log p. A vector
 * pred is logits (softmax, max-shifted), probabilities or log-probabilities over the classes.
 * Logs of probabilities given as {@code probs} are clamped to at least −100
 * ({@link Numerics#LOG_FLOOR}, as torch's BCELoss), so that 0 and 1 give finite losses.
 */
enum Input {
    LOGITS,
    PROBS,
    LOG_PROBS;

    static final String PARAM = "input";

    /** The {@code input} parameter with {@code defaultValue} as its default. */
    static ParamSpec<Input> param(Input defaultValue) {
        return ParamSpec.ofChoice(PARAM, defaultValue,
                "what pred holds: logits, probs (probabilities in [0, 1]) or log-probs (log-probabilities ≤ 0)", values());
    }

    /** Reads the mode whatever the loss's default: a spec of the same name and type is the key. */
    private static final ParamSpec<Input> KEY = param(LOGITS);

    /** The mode chosen in {@code params}. */
    static Input of(Parameters params) {
        return params.get(KEY);
    }

    // --- one binary pred value ---------------------------------------------------------------

    /** log p of a binary pred value. */
    double logP(double x) {
        return switch (this) {
            case LOGITS -> Numerics.logSigmoid(x);
            case PROBS -> Numerics.clampedLog(probability(x));
            case LOG_PROBS -> logProbability(x);
        };
    }

    /** log(1 − p) of a binary pred value; floored at −100 unless pred is a logit. */
    double log1mP(double x) {
        return switch (this) {
            case LOGITS -> Numerics.logSigmoid(-x);
            case PROBS -> Numerics.clampedLog(1.0 - probability(x));
            case LOG_PROBS -> Math.max(Math.log(-Math.expm1(logProbability(x))), Numerics.LOG_FLOOR);
        };
    }

    /** p of a binary pred value. */
    double p(double x) {
        return switch (this) {
            case LOGITS -> Numerics.sigmoid(x);
            case PROBS -> probability(x);
            case LOG_PROBS -> Math.exp(logProbability(x));
        };
    }

    /** 1 − p of a binary pred value, without cancellation for logits and log-probabilities. */
    double oneMinusP(double x) {
        return switch (this) {
            case LOGITS -> Numerics.sigmoid(-x);
            case PROBS -> 1.0 - probability(x);
            case LOG_PROBS -> -Math.expm1(logProbability(x));
        };
    }

    // --- a vector pred over classes ------------------------------------------------------------

    /**
     * log p_c for every class: log-softmax of logits, clamped logs of probabilities, or the
     * log-probabilities as given. The result may be {@code x} itself: do not modify it.
     */
    double[] logProbs(double[] x) {
        return logProbs(x, true);
    }

    /**
     * log p_c for every class; {@code clamp=false} takes log 0 = −∞ for {@code probs} (kl-div).
     * The result may be {@code x} itself: do not modify it.
     */
    double[] logProbs(double[] x, boolean clamp) {
        return logProbs(x, clamp, new double[x.length]);
    }

    /** {@link #logProbs(double[], boolean)} into {@code out} (of x's length), which it returns, or x itself. */
    double[] logProbs(double[] x, boolean clamp, double[] out) {
        switch (this) {
            case LOGITS:
                return Numerics.logSoftmax(x, out);
            case PROBS: {
                for (int c = 0; c < x.length; c++) {
                    double p = probability(x[c]);
                    out[c] = clamp ? Numerics.clampedLog(p) : Math.log(p);
                }
                return out;
            }
            default:
                // As torch's NLLLoss: class log-probabilities are taken as given, unchecked
                // (a golden case runs nll over logits and expects only the bad target reported).
                return x;
        }
    }

    /** p_c for every class (softmax of logits). The result may be {@code x}: do not modify it. */
    double[] probs(double[] x) {
        switch (this) {
            case PROBS:
                for (double v : x) {
                    probability(v);
                }
                return x;
            default: {
                double[] logp = logProbs(x, false);
                double[] out = new double[x.length];
                for (int c = 0; c < x.length; c++) {
                    out[c] = Math.exp(logp[c]);
                }
                return out;
            }
        }
    }

    // --- domain checks -----------------------------------------------------------------------

    private static double probability(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new InvalidSampleException("pred", "probability " + p
                    + " is outside [0, 1] (input=probs; use -P input=logits for scores)");
        }
        return p;
    }

    private static double logProbability(double lp) {
        if (!(lp <= 0.0)) {
            throw new InvalidSampleException("pred", "log-probability " + lp
                    + " is above 0 (input=log-probs; use -P input=logits for scores)");
        }
        return lp;
    }
}
