package io.losskit.builtin.sequence;

/**
 * Match error rate: value = Σ(S + D + I) / Σ(H + S + D + I) over the whole input, in
 * whitespace-separated words; under {@code none} each utterance's e / (h + e). Unlike wer it
 * lies in [0, 1]: an insertion adds to the denominator as well.
 *
 * <p>Agrees with jiwer {@code mer} (Morris, Maier and Green, "From WER and RIL to MER and WIL",
 * Interspeech 2004), including its empty case: no reference and no hypothesis words give 0.
 */
public final class Mer extends ErrorRate {

    public Mer() {
        super("mer", SymbolReader.Unit.WORD, "match error rate over the whole input",
                "value = Σᵢ (Sᵢ + Dᵢ + Iᵢ) / Σᵢ (Hᵢ + Sᵢ + Dᵢ + Iᵢ), in whitespace-separated words",
                "jiwer mer; Morris, Maier & Green, Interspeech 2004",
                "Corpus level: Σ edits / Σ (hits + edits) over the whole input (with weights: Σwᵢeᵢ / Σwᵢ(hᵢ + eᵢ)),"
                + " not the mean of per-sample rates. An utterance, or an input, with neither reference nor pred"
                + " words gives 0, as jiwer does." + TIE_NOTE);
    }

    @Override
    double rate(double hits, double edits, double reference, double hypothesis) {
        double matched = hits + edits;
        return matched > 0 ? edits / matched : 0.0;
    }
}
