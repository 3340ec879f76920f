package io.losskit.builtin.metric;

import io.losskit.spi.Tally;

/**
 * The three kinds of term that triplet mining distinguishes, reported in {@code details} by
 * triplet, contrastive and circle. Each loss defines hard in its own terms; easy always means
 * the term is 0 (and takes precedence).
 */
enum Hardness {
    EASY("easy"),
    SEMI_HARD("semi-hard"),
    HARD("hard");

    /** The detail keys, in the order {@code describe} lists them. */
    static final String[] KEYS = {"easy", "semi-hard", "hard"};

    private final String key;

    Hardness(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    /** Easy when the term is 0, otherwise hard or semi-hard by {@code hard}. */
    static Hardness of(double term, boolean hard) {
        return term == 0 ? EASY : hard ? HARD : SEMI_HARD;
    }

    /** Counts one term of this kind. */
    void count(Tally tally) {
        tally.count(key);
    }
}
