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

    /**
     * The loss whose id or alias is {@code name}, made alone, or null when none of these is: the
     * same names as the descriptors of {@link #all()} give (a test compares them).
     */
    public static LossDefinition find(String name) {
        return switch (name) {
            case "ctc" -> new Ctc();
            case "edit-distance", "levenshtein" -> new EditDistance();
            case "cer" -> new Cer();
            case "wer" -> new Wer();
            case "mer" -> new Mer();
            case "wil" -> new Wil();
            default -> null;
        };
    }
}
