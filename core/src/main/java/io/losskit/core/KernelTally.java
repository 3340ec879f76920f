package io.losskit.core;

import io.losskit.spi.Tally;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A state's {@link Tally}: detail counts (declared keys first, zeros shown) and warnings with counts. */
final class KernelTally implements Tally {

    private final Map<String, Long> details = new LinkedHashMap<>();
    private final Map<String, Long> warnings = new LinkedHashMap<>();

    KernelTally(List<String> declaredKeys) {
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

    void merge(KernelTally other) {
        other.details.forEach((k, v) -> details.merge(k, v, Long::sum));
        other.warnings.forEach((k, v) -> warnings.merge(k, v, Long::sum));
    }

    Map<String, Long> details() {
        return details;
    }

    Map<String, Long> warnings() {
        return warnings;
    }

    void encode(DataOutput out) throws IOException {
        write(details, out);
        write(warnings, out);
    }

    void decode(DataInput in) throws IOException {
        read(details, in);
        read(warnings, in);
    }

    private static void write(Map<String, Long> counts, DataOutput out) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static void read(Map<String, Long> counts, DataInput in) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            counts.merge(in.readUTF(), in.readLong(), Long::sum);
        }
    }
}
