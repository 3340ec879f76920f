package io.losskit.spi;

import java.util.Map;

/**
 * What an {@link Accumulator} finishes with.
 *
 * @param value the reduced value (ignored under {@code none})
 * @param values the per-sample values under {@code none}, in input order; {@code null} otherwise
 * @param count the number of samples (or terms) the value covers
 * @param details named counts shown in the JSON output, or an empty map
 */
public record LossResult(double value, double[] values, long count, Map<String, Long> details) {

    public LossResult {
        details = Map.copyOf(details);
    }

    /** A reduced value without details. */
    public static LossResult of(double value, long count) {
        return new LossResult(value, null, count, Map.of());
    }
}
