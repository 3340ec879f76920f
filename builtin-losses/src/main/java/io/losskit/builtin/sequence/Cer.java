package io.losskit.builtin.sequence;

/**
 * Character error rate: value = Σ(S + D + I) / Σ(H + S + D) over the whole input, edits being unit
 * insertions, deletions and substitutions of Unicode code points; under {@code none} each
 * utterance's (S + D + I) / |target|.
 *
 * <p>Agrees with jiwer {@code cer} (corpus level) and sclite's character scoring.
 */
public final class Cer extends ErrorRate {

    public Cer() {
        super("cer", SymbolReader.Unit.CHAR, "character error rate over the whole input",
                "value = Σᵢ edits(predᵢ → targetᵢ) / Σᵢ |targetᵢ|, in Unicode code points",
                "jiwer cer", ERROR_RATE_NOTE);
    }

    /** What describe says about cer and wer. */
    static final String ERROR_RATE_NOTE = "Corpus level: Σ edits / Σ reference symbols over the whole input (with"
            + " weights: Σwᵢeᵢ / Σwᵢnᵢ), not the mean of per-sample rates. An empty reference gives 0 when pred is"
            + " empty too and +∞ otherwise (under none with a warning), and so does an input whose references are"
            + " all empty.";

    @Override
    double rate(double hits, double edits, double reference, double hypothesis) {
        return perReferenceSymbol(edits, reference);
    }
}
