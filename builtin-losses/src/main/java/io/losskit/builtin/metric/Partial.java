package io.losskit.builtin.metric;

import io.losskit.spi.BatchLoss.BatchValue;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.Tally;
import java.util.List;

/**
 * The terms of part of a batch: their compensated sum, how many there were, and how many were
 * easy, semi-hard and hard. Filled by one thread, merged in block order.
 */
final class Partial {

    final CompensatedSum sum = new CompensatedSum();
    long terms;
    long easy;
    long semiHard;
    long hard;

    /** Adds one term of the given kind. */
    void add(double term, Hardness kind) {
        sum.add(term);
        terms++;
        switch (kind) {
            case EASY -> easy++;
            case SEMI_HARD -> semiHard++;
            case HARD -> hard++;
            default -> throw new AssertionError(kind);
        }
    }

    /** Adds one term without a kind (losses that report no details). */
    void add(double term) {
        sum.add(term);
        terms++;
    }

    /** Folds {@code other} into this one. */
    void merge(Partial other) {
        sum.add(other.sum);
        terms += other.terms;
        easy += other.easy;
        semiHard += other.semiHard;
        hard += other.hard;
    }

    /** The merge of the blocks' partials, in order. */
    static Partial merge(List<Partial> parts) {
        Partial all = new Partial();
        for (Partial p : parts) {
            all.merge(p);
        }
        return all;
    }

    /**
     * The batch's value; reports the easy/semi-hard/hard counts when {@code details}, and warns
     * with {@code noTerm} when the batch had no term (its value is then (0, 0): it adds nothing to
     * the sum and nothing to the mean's denominator).
     */
    BatchValue finish(Tally tally, boolean details, String noTerm) {
        if (details) {
            tally.count(Hardness.EASY.key(), easy);
            tally.count(Hardness.SEMI_HARD.key(), semiHard);
            tally.count(Hardness.HARD.key(), hard);
        }
        if (terms == 0) {
            tally.warn(noTerm);
            return new BatchValue(0.0, 0);
        }
        return new BatchValue(sum.value(), terms);
    }
}
