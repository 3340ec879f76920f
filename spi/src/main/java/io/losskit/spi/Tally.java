package io.losskit.spi;

/**
 * Where a loss counts its {@code details} (edit operations, easy and hard triplets…) and reports
 * warnings. The engine owns it, merges the tallies of split inputs and prints each distinct
 * warning once, with the number of samples it concerned.
 */
public interface Tally {

    /** Adds {@code n} to the detail entry {@code key}. */
    void count(String key, long n);

    /** Adds one to the detail entry {@code key}. */
    default void count(String key) {
        count(key, 1);
    }

    /** Reports a warning about the current sample, e.g. "impossible alignment (loss is +∞)". */
    void warn(String message);
}
