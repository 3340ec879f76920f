package io.losskit.testkit;

import io.losskit.spi.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link Tally} that records counts and warnings, for calling a loss directly in a test. */
public final class RecordingTally implements Tally {

    /** The counts by key. */
    public final Map<String, Long> counts = new TreeMap<>();
    /** Every warning, in order, repeats included. */
    public final List<String> warnings = new ArrayList<>();

    @Override
    public void count(String key, long n) {
        counts.merge(key, n, Long::sum);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    /** The count of {@code key}, 0 when never counted. */
    public long get(String key) {
        return counts.getOrDefault(key, 0L);
    }
}
