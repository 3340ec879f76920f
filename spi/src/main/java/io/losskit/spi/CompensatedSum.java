package io.losskit.spi;

/**
 * Neumaier's compensated summation: the sum of many doubles with an error that does not grow
 * with their number (about one rounding of the result), where a plain loop loses about
 * log₂(n) bits. Mergeable, so partial sums of split inputs combine exactly as well.
 */
public final class CompensatedSum {

    private double sum;
    private double compensation;

    /** Adds {@code x}. */
    public void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    /** Adds the sum held by {@code other}. */
    public void add(CompensatedSum other) {
        add(other.sum);
        add(other.compensation);
    }

    /** The compensated sum. Non-finite terms give the IEEE result (∞, NaN). */
    public double value() {
        // Once an infinite term arrives the compensation is NaN (∞ − ∞); the plain sum is right.
        return Double.isFinite(sum) ? sum + compensation : sum;
    }
}
