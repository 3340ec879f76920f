package io.losskit.builtin.sequence;

/**
 * Word information lost: value = 1 − (ΣH / ΣN_ref)·(ΣH / ΣN_hyp) over the whole input, N_ref =
 * H + S + D the reference (target) words, N_hyp = H + S + I the hypothesis (pred) words; under
 * {@code none} each utterance's 1 − (h / r)(h / p).
 *
 * <p>Agrees with jiwer {@code wil} (Morris, Maier and Green, "From WER and RIL to MER and WIL",
 * Interspeech 2004), including its empty cases: no reference and no pred words give 0, either
 * side empty alone gives 1.
 */
public final class Wil extends ErrorRate {

    public Wil() {
        super("wil", SymbolReader.Unit.WORD, "word information lost over the whole input",
                "value = 1 − (Σᵢ Hᵢ / Σᵢ |targetᵢ|)·(Σᵢ Hᵢ / Σᵢ |predᵢ|), in whitespace-separated words",
                "jiwer wil; Morris, Maier & Green, Interspeech 2004",
                "Corpus level: the sums run over the whole input (with weights: Σwᵢhᵢ, Σwᵢrᵢ, Σwᵢpᵢ), not the mean"
                + " of per-sample values. No reference and no pred words give 0; either side empty alone gives 1,"
                + " as jiwer does." + TIE_NOTE);
    }

    @Override
    double rate(double hits, double edits, double reference, double hypothesis) {
        if (reference == 0 && hypothesis == 0) {
            return 0.0;
        }
        if (reference == 0 || hypothesis == 0) {
            return 1.0;
        }
        return 1 - (hits / reference) * (hits / hypothesis);
    }
}
