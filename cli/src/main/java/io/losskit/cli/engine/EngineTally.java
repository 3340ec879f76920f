package io.losskit.cli.engine;

import io.losskit.spi.Tally;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's {@link Tally}: detail counts (declared keys first, zeros shown) and warnings with counts. */
final class EngineTally implements Tally {

    private final Map<String, Long> details = new LinkedHashMap<>();
    private final Map<String, Long> warnings = new LinkedHashMap<>();

    EngineTally(List<String> declaredKeys) {
        for (String key : declaredKeys) {
            details.put(key, 0L);
        }
    }

    @Override
    public void count(String key, long n) {
        details.merge(key, n, Long::sum);
    }

    @Override
    public void warn(String message) {
        warnings.merge(message, 1L, Long::sum);
    }

    void merge(EngineTally other) {
        other.details.forEach((k, v) -> details.merge(k, v, Long::sum));
        other.warnings.forEach((k, v) -> warnings.merge(k, v, Long::sum));
    }

    Map<String, Long> details() {
        return details;
    }

    Map<String, Long> warnings() {
        return warnings;
    }
}
