package io.losskit.builtin.align;

import io.losskit.spi.Parameters;

/**
 * A loss of the edit-distance family (edit-distance, cer, wer, mer, wil) that can show how it
 * aligned one sample: what {@code score --align} prints for the worst utterances. Built-in only,
 * not part of the SPI.
 */
public interface Alignable {

    /**
     * An aligner for the loss with these parameters (which the loss has checked). Each call gives
     * a new one: an aligner is not thread-safe.
     */
    Aligner aligner(Parameters params);
}
