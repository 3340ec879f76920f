package io.losskit.spi;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Neumaier's compensated summation: the sum of many doubles with an error that does not grow
 * with their number (about one rounding of the result), where a plain loop loses about
 * log₂(n) bits. Mergeable, so partial sums of split inputs combine exactly as well.
 *
 * <p>Its whole state is two doubles, {@link #sum()} and {@link #compensation()}: equal states
 * are {@link #equals equal}, and {@link #of} and {@link #encode}/{@link #decode} restore one.
 * It is mutable so that hot loops add without allocating.
 */
public final class CompensatedSum {

    private double sum;
    private double compensation;

    /** An empty sum (0). */
    public CompensatedSum() {
    }

    /** The sum with this state, e.g. one read back from elsewhere. */
    public static CompensatedSum of(double sum, double compensation) {
        CompensatedSum s = new CompensatedSum();
        s.sum = sum;
        s.compensation = compensation;
        return s;
    }

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

    /**
     * Adds {@code n} ones, leaving the state bit for bit as {@code n} calls of {@code add(1.0)}
     * would: in one step while the sum is an integer of at most 2^53 with nothing to compensate
     * (a count, or the weights of unweighted samples), else one at a time.
     */
    public void addOnes(long n) {
        if (compensation == 0 && sum == Math.rint(sum) && n >= 0 && Math.abs(sum) + n <= 0x1p53) {
            sum += n;   // every partial sum is an integer a double holds: each add(1.0) is exact
            return;
        }
        for (long i = 0; i < n; i++) {
            add(1.0);
        }
    }

    /** Adds the sum held by {@code other}. */
    public void add(CompensatedSum other) {
        add(other.sum);
        if (Double.isFinite(other.sum)) {
            // an infinite sum's compensation is NaN (∞ − ∞) and means nothing
            add(other.compensation);
        }
    }

    /** The compensated sum. Non-finite terms give the IEEE result (∞, NaN). */
    public double value() {
        // Once an infinite term arrives the compensation is NaN (∞ − ∞); the plain sum is right.
        return Double.isFinite(sum) ? sum + compensation : sum;
    }

    /** The plain running sum. */
    public double sum() {
        return sum;
    }

    /** The rounding errors of {@link #sum()} accumulated so far, which {@link #value()} adds back. */
    public double compensation() {
        return compensation;
    }

    /** Writes the state: 16 bytes. */
    public void encode(DataOutput out) throws IOException {
        out.writeDouble(sum);
        out.writeDouble(compensation);
    }

    /** Reads a state written by {@link #encode}. */
    public static CompensatedSum decode(DataInput in) throws IOException {
        return of(in.readDouble(), in.readDouble());
    }

    /** Equal when both doubles have the same bits. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CompensatedSum c && Double.compare(sum, c.sum) == 0
                && Double.compare(compensation, c.compensation) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(sum) * 31 + Double.hashCode(compensation);
    }

    @Override
    public String toString() {
        return "CompensatedSum[sum=" + sum + ", compensation=" + compensation + "]";
    }
}
