package io.losskit.cli.input;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pred file and a target file read as one input ({@code -p PRED -t TARGET}): aligned record by
 * record, or joined on a key column ({@code --key}). Columns are the pred file's, then the target
 * file's; the {@code target} role is looked up in the target file first, every other role in the
 * pred file first.
 *
 * <p>A join holds the target file in memory (a map from key to record); the pred file streams.
 */
public final class PairedSource implements RecordSource {

    /**
     * What messages call the two files.
     *
     * @param first the first file ("pred file")
     * @param second the second ("target file")
     * @param alignHint what to do about files of different lengths
     * @param strictNote what ends the message about unmatched records of the second file when they are an error
     */
    public record Labels(String first, String second, String alignHint, String strictNote) {
    }

    /** The labels of {@code score -p PRED -t TARGET}. */
    public static final Labels PRED_TARGET = new Labels("pred file", "target file",
            "-p/-t files must align record by record, or be joined with --key", " (--strict)");

    private final RecordSource pred;
    private final RecordSource target;
    private final String key;
    /** Whether target records that no pred record matched are an error rather than a warning. */
    private final boolean strict;
    private final Labels labels;
    private Map<String, Record> targetsByKey;
    /** The keys of the pred records read so far, and where each was: its line, or −(its record number). */
    private final Map<String, Long> matched = new HashMap<>();
    private int predKey = -1;
    private int offset = -1;

    /**
     * @param key the join column, or null to align record by record
     * @param strict with a key: target records that no pred record matched are an input error
     *     (at the end of the pred file) instead of a warning
     */
    public PairedSource(RecordSource pred, RecordSource target, String key, boolean strict) {
        this(pred, target, key, strict, PRED_TARGET);
    }

    /** As {@link #PairedSource(RecordSource, RecordSource, String, boolean)}, with messages that call the files {@code labels}. */
    public PairedSource(RecordSource pred, RecordSource target, String key, boolean strict, Labels labels) {
        this.pred = pred;
        this.target = target;
        this.key = key;
        this.strict = strict;
        this.labels = labels;
    }

    @Override
    public String name() {
        return pred.name() + " + " + target.name();
    }

    @Override
    public void readsOnly(java.util.function.Predicate<String> columns) {
        java.util.function.Predicate<String> withKey = key == null ? columns : columns.or(key::equals);
        pred.readsOnly(withKey);
        target.readsOnly(withKey);
    }

    /** Where the target file's columns start; fixed once the first records are read. */
    private int offset() {
        if (offset < 0) {
            offset = pred.columns().size();
        }
        return offset;
    }

    @Override
    public Record next() throws IOException {
        return key == null ? nextAligned() : nextJoined();
    }

    private Record nextAligned() throws IOException {
        Record p = pred.next();
        Record t = target.next();
        if (p == null && t == null) {
            return null;
        }
        if (p == null || t == null) {
            // located at the first record that has no counterpart
            Record extra = p == null ? t : p;
            long seen = extra.number() - 1;
            RecordSource longer = p == null ? target : pred;
            long line = extra.line();
            long total = seen + 1 + count(longer);
            throw new InputError(longer.name(), line, seen + 1, null, "the " + labels.first() + " " + pred.name() + " has "
                    + (p == null ? seen : total) + " records and the " + labels.second() + " " + target.name() + " has "
                    + (t == null ? seen : total) + "; " + labels.alignHint());
        }
        return new Pair(p, t, offset());
    }

    private static long count(RecordSource source) throws IOException {
        long n = 0;
        while (source.next() != null) {
            n++;
        }
        return n;
    }

    private Record nextJoined() throws IOException {
        if (targetsByKey == null) {
            targetsByKey = new HashMap<>();
            Record t;
            int targetKey = -1;
            while ((t = target.next()) != null) {
                if (targetKey < 0) {
                    targetKey = target.columnIndex(key);
                    if (targetKey < 0) {
                        throw new InputError(target.name(), t.line(), t.number(), key, "no key column \"" + key + "\"");
                    }
                }
                if (!t.has(targetKey)) {
                    throw new InputError(target.name(), t.line(), t.number(), key, "no key");
                }
                String k = keyText(t.value(targetKey));
                Record before = targetsByKey.put(k, t.freeze());
                if (before != null) {
                    throw new InputError(target.name(), t.line(), t.number(), key, "the key " + k + " is also on "
                            + where(before) + ": each key may appear once").unrecoverable();
                }
            }
        }
        Record p = pred.next();
        if (p == null) {
            if (strict && matched.size() < targetsByKey.size()) {
                Record first = firstUnmatched();
                throw new InputError(target.name(), first.line(), first.number(), key,
                        unmatchedCount() + " (this is the first)" + labels.strictNote());
            }
            return null;
        }
        if (predKey < 0) {
            predKey = pred.columnIndex(key);
            if (predKey < 0) {
                throw new InputError(pred.name(), p.line(), p.number(), key, "no key column \"" + key + "\"");
            }
        }
        String k = p.has(predKey) ? keyText(p.value(predKey)) : null;
        Record t = k == null ? null : targetsByKey.get(k);
        if (t == null) {
            throw new InputError(pred.name(), p.line(), p.number(), key, "no record with key " + k + " in " + target.name());
        }
        Long before = matched.putIfAbsent(k, p.line() > 0 ? p.line() : -p.number());
        if (before != null) {
            // a second pred record for one target would count that target twice
            throw new InputError(pred.name(), p.line(), p.number(), key, "the key " + k + " is also on "
                    + (before > 0 ? "line " + before : "record " + -before) + ": each key may appear once").unrecoverable();
        }
        return new Pair(p, t, offset());
    }

    /**
     * The pred file's records, which a join yields; aligned files have the same number, so either
     * file's count serves.
     */
    @Override
    public long recordCount() {
        long n = pred.recordCount();
        return n >= 0 || key != null ? n : target.recordCount();
    }

    /** Where a record is, for a message that names two. */
    private static String where(Record r) {
        return r.line() > 0 ? "line " + r.line() : "record " + r.number();
    }

    private static String keyText(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v).trim();
    }

    @Override
    public List<String> warnings() {
        if (targetsByKey == null || matched.size() == targetsByKey.size()) {
            return List.of();
        }
        return List.of(unmatched());
    }

    /** The earliest record of the target file that no pred record matched. */
    private Record firstUnmatched() {
        Record first = null;
        for (Map.Entry<String, Record> e : targetsByKey.entrySet()) {
            if (!matched.containsKey(e.getKey()) && (first == null || e.getValue().number() < first.number())) {
                first = e.getValue();
            }
        }
        return first;
    }

    private String unmatched() {
        return unmatchedCount() + "; they were not scored";
    }

    private String unmatchedCount() {
        return (targetsByKey.size() - matched.size()) + " record(s) of " + target.name()
                + " have a key that no record of " + pred.name() + " has";
    }

    @Override
    public List<String> columns() {
        List<String> all = new ArrayList<>(pred.columns());
        all.addAll(target.columns());
        return all;
    }

    @Override
    public boolean hasHeader() {
        return pred.hasHeader();
    }

    @Override
    public int columnIndex(String column) {
        int i = pred.columnIndex(column);
        if (i >= 0) {
            return i;
        }
        int j = target.columnIndex(column);
        return j < 0 ? -1 : offset() + j;
    }

    @Override
    public int columnIndexFor(String role, String column) {
        if (role.equals("target")) {
            int j = target.columnIndex(column);
            if (j >= 0) {
                return offset() + j;
            }
        }
        return columnIndex(column);
    }

    @Override
    public String fileOf(int column) {
        return column < offset() ? pred.fileOf(column) : target.fileOf(column - offset());
    }

    @Override
    public Record origin(Record record, int column) {
        if (record instanceof Pair pair) {
            return column < pair.offset() ? pred.origin(pair.p(), column) : target.origin(pair.t(), column - pair.offset());
        }
        return record;
    }

    @Override
    public void close() throws IOException {
        try {
            pred.close();
        } finally {
            target.close();
        }
    }

    /** A pred record and its target record; line and number are the pred record's. */
    private record Pair(Record p, Record t, int offset) implements Record {

        @Override
        public long number() {
            return p.number();
        }

        @Override
        public long line() {
            return p.line();
        }

        @Override
        public boolean has(int column) {
            return column < offset ? p.has(column) : t.has(column - offset);
        }

        @Override
        public double number(int column) {
            return column < offset ? p.number(column) : t.number(column - offset);
        }

        @Override
        public boolean isList(int column) {
            return column < offset ? p.isList(column) : t.isList(column - offset);
        }

        @Override
        public Object value(int column) {
            return column < offset ? p.value(column) : t.value(column - offset);
        }

        @Override
        public Record freeze() {
            return new Pair(p.freeze(), t.freeze(), offset);
        }
    }
}
