package io.losskit.builtin.sequence;

/**
 * Word error rate: value = Σ(S + D + I) / Σ(H + S + D) over the whole input, edits being unit
 * insertions, deletions and substitutions of whitespace-separated words; under {@code none} each
 * utterance's (S + D + I) / |target|.
 *
 * <p>Agrees with jiwer {@code wer} (corpus level) and NIST sclite's word error rate.
 */
public final class Wer extends ErrorRate {

    public Wer() {
        super("wer", SymbolReader.Unit.WORD, "word error rate over the whole input",
                "value = Σᵢ edits(predᵢ → targetᵢ) / Σᵢ |targetᵢ|, in whitespace-separated words",
                "jiwer wer, NIST sclite", Cer.ERROR_RATE_NOTE);
    }

    @Override
    double rate(double hits, double edits, double reference, double hypothesis) {
        return perReferenceSymbol(edits, reference);
    }
}
