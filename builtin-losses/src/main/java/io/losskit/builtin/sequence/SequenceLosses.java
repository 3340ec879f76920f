package io.losskit.builtin.sequence;

import io.losskit.spi.LossDefinition;
import java.util.List;

/** The sequence losses of the built-in pack, in the order of LOSSES.md. */
public final class SequenceLosses {

    private SequenceLosses() {
    }

    /** Every sequence loss. */
    public static List<LossDefinition> all() {
        return List.of(new Ctc(), new EditDistance(), new Cer(), new Wer(), new Mer(), new Wil());
    }
}
