package io.losskit.builtin.sequence;

/**
 * Word error rate: Σ edits / Σ reference words over the whole input, edits being unit insertions,
 * deletions and substitutions of whitespace-separated words.
 *
 * <p>Agrees with jiwer {@code wer} (corpus level) and NIST sclite's word error rate.
 */
public final class Wer extends ErrorRate {

    public Wer() {
        super("wer", "words", EditDistance.WORDS_NOTE, SymbolReader.Unit.WORD,
                "word error rate over the whole input",
                "value = Σᵢ edits(predᵢ → targetᵢ) / Σᵢ |targetᵢ|, in whitespace-separated words",
                "jiwer wer, NIST sclite");
    }
}
