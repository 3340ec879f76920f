package io.losskit.builtin.sequence;

import io.losskit.spi.LossDescriptor;

/**
 * Character error rate: Σ edits / Σ reference characters over the whole input, edits being unit
 * insertions, deletions and substitutions of Unicode code points.
 *
 * <p>Agrees with jiwer {@code cer} (corpus level) and sclite's character scoring.
 */
public final class Cer extends ErrorRate {

    private static final LossDescriptor DESCRIPTOR = builder("cer")
            .summary("character error rate over the whole input")
            .formula("value = Σᵢ edits(predᵢ → targetᵢ) / Σᵢ |targetᵢ|, in Unicode code points")
            .reference("jiwer cer")
            .notes(notes("characters (code points)", EditDistance.CHARS_NOTE))
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    SymbolReader.Unit unit() {
        return SymbolReader.Unit.CHAR;
    }
}
