package io.losskit.builtin.sequence;

import io.losskit.spi.LossDescriptor;

/**
 * Word error rate: Σ edits / Σ reference words over the whole input, edits being unit insertions,
 * deletions and substitutions of whitespace-separated words.
 *
 * <p>Agrees with jiwer {@code wer} (corpus level) and NIST sclite's word error rate.
 */
public final class Wer extends ErrorRate {

    private static final LossDescriptor DESCRIPTOR = builder("wer")
            .summary("word error rate over the whole input")
            .formula("value = Σᵢ edits(predᵢ → targetᵢ) / Σᵢ |targetᵢ|, in whitespace-separated words")
            .reference("jiwer wer, NIST sclite")
            .notes(notes("words", EditDistance.WORDS_NOTE))
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    SymbolReader.Unit unit() {
        return SymbolReader.Unit.WORD;
    }
}
