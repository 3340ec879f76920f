package io.losskit.core.stats;

import java.util.Arrays;

/**
 * A bootstrap confidence interval: what the JSON's {@code ci} member holds.
 *
 * @param level the confidence level in percent (95)
 * @param low the lower end
 * @param high the upper end
 * @param method how the ends were found ({@value #PERCENTILE})
 * @param resamples the replicates drawn
 * @param seed the generator's seed
 * @param used the replicates the ends come from: those with a value, which leaves out an empty
 *     resample's mean (0/0) when the input is tiny
 */
public record Interval(double level, double low, double high, String method, int resamples, long seed, int used) {

    /** The percentile method: the ends are the (1 − level)/2 and (1 + level)/2 quantiles of the replicates. */
    public static final String PERCENTILE = "percentile";

    /**
     * The percentile interval of {@code replicates} at {@code level} percent. Quantiles interpolate
     * linearly between order statistics, as {@code numpy.quantile}'s default does; replicates that
     * are NaN are left out ({@link #used}); with none left the ends are NaN.
     *
     * @throws IllegalArgumentException unless 0 &lt; level &lt; 100
     */
    public static Interval percentile(double[] replicates, double level, Resampling resampling) {
        checkLevel(level);
        double[] sorted = Arrays.stream(replicates).filter(x -> !Double.isNaN(x)).sorted().toArray();
        double tail = (1 - level / 100) / 2;
        return new Interval(level, quantile(sorted, tail), quantile(sorted, 1 - tail), PERCENTILE,
                resampling.resamples(), resampling.seed(), sorted.length);
    }

    /** Refuses a level outside (0, 100). */
    public static void checkLevel(double level) {
        if (!(level > 0 && level < 100)) {
            throw new IllegalArgumentException("a confidence level is a percentage between 0 and 100 (exclusive), not "
                    + level);
        }
    }

    /** The {@code q}-quantile of {@code sorted} (ascending, no NaN), numpy's "linear" method. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int i = (int) Math.floor(h);
        double frac = h - i;
        if (i + 1 >= sorted.length || frac == 0 || sorted[i] == sorted[i + 1]) {
            return sorted[i]; // also keeps ∞ ends from becoming ∞ − ∞
        }
        return sorted[i] + frac * (sorted[i + 1] - sorted[i]);
    }
}
