package io.losskit.builtin.sequence;

import io.losskit.spi.InvalidSampleException;
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
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Connectionist temporal classification: ℓᵢ = −log p(target | pred), the probability summed over
 * every alignment of the target (with blanks between and around its labels, repeats merged) to
 * the rows of the T×C matrix pred, computed by the forward algorithm; +∞ when no alignment is
 * possible. {@code length-norm} divides by max(1, target length), {@code zero-infinity} turns +∞
 * into 0.
 *
 * <p>Agrees with torch {@code ctc_loss(reduction='none')} (Graves et al., ICML 2006); see
 * {@link CtcForward} for the evaluation.
 */
public final class Ctc implements LossDefinition {

    static final ParamSpec<Integer> BLANK = ParamSpec.ofInt("blank", "0", "class index of the blank").atLeast(0);

    static final ParamSpec<CtcForward.Input> INPUT = ParamSpec.ofChoice("input", CtcForward.Input.LOG_PROBS,
            "what pred's rows hold: log-probabilities, logits (log-softmax per row) or"
            + " probabilities (log, clamped at −100)", CtcForward.Input.values());

    static final ParamSpec<Boolean> ZERO_INFINITY = ParamSpec.ofBoolean("zero-infinity", "false",
            "an impossible alignment gives 0 instead of +∞");

    static final ParamSpec<Boolean> LENGTH_NORM = ParamSpec.ofBoolean("length-norm", "false",
            "divide by max(1, target length), as torch's reduction='mean' does before averaging");

    static final ParamSpec<String> ALPHABET = ParamSpec.ofString("alphabet", null,
            "a string whose i-th character (code point) is class i; string targets are mapped"
            + " through it (default: none, targets are class indices)");

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("ctc", "sequence")
            .summary("connectionist temporal classification: −log p(target | pred) over all alignments")
            .formula("ℓᵢ = −log Σ_{π ∈ B⁻¹(y)} Π_t p_t(π_t), B removes repeats then blanks; by the forward"
                    + " algorithm; with length-norm: ℓᵢ / max(1, |y|)")
            .roles(
                    RoleSpec.required("pred", RoleKind.MATRIX,
                            "T×C matrix, one row per time step (log-probabilities, logits or probabilities)"),
                    RoleSpec.required("target", RoleKind.SEQUENCE,
                            "the label sequence: class indices without blanks, or a string mapped through alphabet"),
                    RoleSpec.optional("input-length", RoleKind.NUMBER, "use only the first n rows of pred")).weighted()
            .params(
                    BLANK,
                    INPUT,
                    ZERO_INFINITY,
                    LENGTH_NORM,
                    ALPHABET)
            .reference("torch.nn.functional.ctc_loss(reduction='none'); Graves et al., ICML 2006")
            .notes("Target labels must lie in [0, C) and differ from blank; with alphabet, each code point of a"
                    + " string target is looked up (a character not in the alphabet, or the blank's own character, is"
                    + " an input error); a list target is class indices even when alphabet is set. A target needs at"
                    + " least L + (number of adjacent repeats) time steps; with fewer, or when every alignment has"
                    + " probability 0, the loss is +∞ (0 with zero-infinity) and a warning says how many samples."
                    + " input-length n uses the first n rows (a whole number, 0 ≤ n ≤ T; n = 0 gives 0 for an empty"
                    + " target and +∞ otherwise, where torch's result is undefined). input=probs takes log p clamped"
                    + " at −100, the convention of all losses; input=logits applies log-softmax to each row."
                    + " Computed in probability space with exact power-of-two rescaling; when a value would leave the"
                    + " double's normal range (peaky inputs), with a mantissa and an exponent per state instead, so"
                    + " that nothing underflows — the precision of torch's log-space recursion without its exp and"
                    + " log per state.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        CtcForward.Input input = params.get(INPUT);
        int blank = params.get(BLANK);
        Map<Integer, Integer> alphabet = params.isSet(ALPHABET) ? alphabet(params.get(ALPHABET)) : null;
        boolean zeroInfinity = params.get(ZERO_INFINITY);
        boolean lengthNorm = params.get(LENGTH_NORM);
        return new CtcLoss(new CtcForward(input, blank), alphabet, zeroInfinity, lengthNorm);
    }

    /** Code point → class index; a repeated character is a usage error. */
    static Map<Integer, Integer> alphabet(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("ctc.alphabet is empty");
        }
        Map<Integer, Integer> map = new HashMap<>();
        int index = 0;
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            Integer first = map.putIfAbsent(cp, index);
            if (first != null) {
                throw new IllegalArgumentException("ctc.alphabet has '" + Character.toString(cp)
                        + "' twice (classes " + first + " and " + index + ")");
            }
            index++;
            k += Character.charCount(cp);
        }
        return map;
    }

    /** The configured loss; thread-confined (its forward pass reuses buffers). */
    static final class CtcLoss implements PerSampleLoss {
        private final CtcForward forward;
        private final Map<Integer, Integer> alphabet;
        private final boolean zeroInfinity;
        private final boolean lengthNorm;

        CtcLoss(CtcForward forward, Map<Integer, Integer> alphabet, boolean zeroInfinity, boolean lengthNorm) {
            this.forward = forward;
            this.alphabet = alphabet;
            this.zeroInfinity = zeroInfinity;
            this.lengthNorm = lengthNorm;
        }

        CtcForward forward() {
            return forward;
        }

        @Override
        public double loss(Sample sample, Tally tally) {
            double[][] x = sample.matrix("pred");
            int[] labels = labels(sample);
            int n = x.length;
            if (sample.has("input-length")) {
                double v = sample.number("input-length");
                if (v != Math.rint(v) || v < 0 || v > x.length) {
                    throw new InvalidSampleException("input-length", "input length " + v
                            + " is not a whole number in [0, " + x.length + "] (the rows of pred)");
                }
                n = (int) v;
            }
            double nll = forward.negLogLikelihood(x, n, labels, labels.length);
            if (nll == Double.POSITIVE_INFINITY) {
                if (zeroInfinity) {
                    tally.warn("impossible CTC alignment: loss set to 0 (zero-infinity)");
                    return 0.0;
                }
                tally.warn("impossible CTC alignment: the target cannot be aligned to the input (loss is +∞)");
                return nll;
            }
            return lengthNorm ? nll / Math.max(1, labels.length) : nll;
        }

        private int[] labels(Sample sample) {
            if (!sample.isText("target")) {
                return sample.sequence("target");
            }
            if (alphabet == null) {
                try {
                    return sample.sequence("target");
                } catch (InvalidSampleException e) {
                    throw new InvalidSampleException("target", e.getMessage()
                            + " (a string target needs -P ctc.alphabet=…)");
                }
            }
            String s = sample.text("target");
            int[] out = new int[s.codePointCount(0, s.length())];
            int i = 0;
            for (int k = 0; k < s.length(); ) {
                int cp = s.codePointAt(k);
                Integer c = alphabet.get(cp);
                if (c == null) {
                    throw new InvalidSampleException("target", "character '" + Character.toString(cp)
                            + "' (U+" + String.format(Locale.ROOT, "%04X", cp) + ") at position " + i
                            + " is not in the alphabet");
                }
                out[i++] = c;
                k += Character.charCount(cp);
            }
            return out;
        }
    }
}
