package io.losskit.spi;

import java.util.Locale;

/** How per-sample values become the result; the user picks one of the descriptor's. */
public enum Reduction {
    /** Σwᵢℓᵢ / Σwᵢ. */
    MEAN,
    /** Σwᵢℓᵢ. */
    SUM,
    /** Every ℓᵢ, in input order. */
    NONE;

    /** The name users type: {@code mean}, {@code sum}, {@code none}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
