package io.losskit.builtin.sequence;

/**
 * Character error rate: Σ edits / Σ reference characters over the whole input, edits being unit
 * insertions, deletions and substitutions of Unicode code points.
 *
 * <p>Agrees with jiwer {@code cer} (corpus level) and sclite's character scoring.
 */
public final class Cer extends ErrorRate {

    public Cer() {
        super("cer", "characters (code points)", EditDistance.CHARS_NOTE, SymbolReader.Unit.CHAR,
                "character error rate over the whole input",
                "value = Σᵢ edits(predᵢ → targetᵢ) / Σᵢ |targetᵢ|, in Unicode code points",
                "jiwer cer");
    }
}
