package io.losskit.cli.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of {@code losskit compare}: two systems' predictions on the same records, either two
 * files that each hold pred and target ({@code BASELINE CANDIDATE}), or two pred files and one
 * target file ({@code -t TARGET BASELINE CANDIDATE}); aligned record by record, or joined on a key
 * column. A record that one system's file lacks is an input error, at that record.
 *
 * <p>The files are read together as one {@link #source() source} (nested {@link PairedSource}s:
 * baseline, candidate, then the target file), whose records hold a record of each file. Each
 * system's roles are bound through a {@link #side view} of it that sees that system's file (and
 * the target file): the same role names find each system's own columns. A view's column indices
 * address the combined records, and it names the file and line each column comes from.
 */
public final class ComparedInput implements Closeable {

    /** What messages call the two systems' files. */
    static final PairedSource.Labels SYSTEMS = new PairedSource.Labels("baseline file", "candidate file",
            "BASELINE and CANDIDATE must hold the same records, aligned record by record or joined with --key",
            " (each record of one must be in the other)");

    /** What messages call the pred files and the target file. */
    static final PairedSource.Labels PREDS_TARGET = new PairedSource.Labels("pred files", "target file",
            "the pred files and -t TARGET must align record by record, or be joined with --key", " (--strict)");

    private final RecordSource baseline;
    private final RecordSource candidate;
    private final RecordSource target;
    private final RecordSource combined;
    private final List<Side> sides = new ArrayList<>(2);

    private ComparedInput(RecordSource baseline, RecordSource candidate, RecordSource target, String key, boolean strict) {
        this.baseline = baseline;
        this.candidate = candidate;
        this.target = target;
        PairedSource systems = new PairedSource(baseline, candidate, key, true, SYSTEMS);
        this.combined = target == null ? systems : new PairedSource(systems, target, key, strict, PREDS_TARGET);
        sides.add(new Side(baseline, false));
        sides.add(new Side(candidate, true));
    }

    /**
     * Opens the files.
     *
     * @param target the target file, or null when each system's file holds its targets
     * @param key the join column, or null to align record by record
     * @param strict with a key and a target file: target records that no pred record matched are
     *     an input error rather than a warning (records of one system that the other lacks always are)
     * @param files where each file opened is registered (in this order: baseline, candidate, target), for the signature
     * @throws UsageError when more than one file is standard input
     */
    public static ComparedInput open(String baseline, String candidate, String target, String key, boolean strict,
                                     InputFormat format, InputStream stdin, InputFiles files) throws IOException {
        long stdins = java.util.stream.Stream.of(baseline, candidate, target).filter("-"::equals).count();
        if (stdins > 1) {
            throw new UsageError("only one of BASELINE, CANDIDATE and -t TARGET can read standard input (-)");
        }
        String role = target == null ? null : "pred";
        List<RecordSource> opened = new ArrayList<>();
        try {
            opened.add(Inputs.open(baseline, format, stdin, role, files));
            opened.add(Inputs.open(candidate, format, stdin, role, files));
            if (target != null) {
                opened.add(Inputs.open(target, format, stdin, "target", files));
            }
            return new ComparedInput(opened.get(0), opened.get(1), target == null ? null : opened.get(2), key, strict);
        } catch (IOException | RuntimeException e) {
            for (RecordSource s : opened) {
                s.close();
            }
            throw e;
        }
    }

    /** The files read together: each record holds a record of each file. */
    public RecordSource source() {
        return combined;
    }

    /** The view of the baseline's (false) or the candidate's (true) columns and the target file's. */
    public RecordSource side(boolean candidateSide) {
        return sides.get(candidateSide ? 1 : 0);
    }

    /** The system's file, for messages. */
    public String fileOf(boolean candidateSide) {
        return (candidateSide ? candidate : baseline).name();
    }

    @Override
    public void close() throws IOException {
        combined.close();
    }

    /**
     * One system's columns, as the combined source's records hold them: the system's file's at
     * their offset (0 for the baseline, after the baseline's for the candidate), then the target
     * file's, after both. The offsets are those {@link PairedSource} fixes at its first record.
     */
    private final class Side implements RecordSource {
        private final RecordSource own;
        private final boolean second;

        Side(RecordSource own, boolean second) {
            this.own = own;
            this.second = second;
        }

        private int ownOffset() {
            return second ? baseline.columns().size() : 0;
        }

        private int targetOffset() {
            return baseline.columns().size() + candidate.columns().size();
        }

        @Override
        public String name() {
            return own.name();
        }

        @Override
        public Record next() {
            throw new UnsupportedOperationException("a side of a compared input is read through source()");
        }

        @Override
        public List<String> columns() {
            List<String> all = new ArrayList<>(own.columns());
            if (target != null) {
                all.addAll(target.columns());
            }
            return all;
        }

        @Override
        public boolean hasHeader() {
            return own.hasHeader();
        }

        @Override
        public int columnIndex(String name) {
            int i = own.columnIndex(name);
            if (i >= 0) {
                return ownOffset() + i;
            }
            int j = target == null ? -1 : target.columnIndex(name);
            return j < 0 ? -1 : targetOffset() + j;
        }

        @Override
        public int columnIndexFor(String role, String name) {
            if (target != null && role.equals("target")) {
                int j = target.columnIndex(name);
                if (j >= 0) {
                    return targetOffset() + j;
                }
            }
            return columnIndex(name);
        }

        @Override
        public String fileOf(int column) {
            return combined.fileOf(column);
        }

        @Override
        public Record origin(Record record, int column) {
            return combined.origin(record, column);
        }

        @Override
        public void close() {
        }
    }
}
