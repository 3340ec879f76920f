package io.losskit.cli.engine;

import io.losskit.cli.input.ColumnBatch;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.NumberBatches;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import java.io.IOException;

/**
 * Reads records from a source, past the invalid ones that {@code --on-invalid skip} allows,
 * counting records (skipped ones included) and keeping the first skipped and the failing error.
 */
final class Reading {
    final RecordSource source;
    private final boolean skipInvalid;
    long records;
    long skipped;
    InputError firstSkipped;
    InputError failure;

    Reading(RecordSource source, boolean skipInvalid) {
        this.source = source;
        this.skipInvalid = skipInvalid;
    }

    /** The next valid record, or null at the end or after a failure. */
    Record next() throws IOException {
        while (failure == null) {
            try {
                Record r = source.next();
                if (r != null) {
                    records++;
                }
                return r;
            } catch (InputError e) {
                records++;
                problem(e);
            }
        }
        return null;
    }

    /** The next rows of {@code source} as a batch ({@link NumberBatches#nextBatch}), counted; 0 after a failure. */
    int batch(NumberBatches source, ColumnBatch batch) throws IOException {
        if (failure != null) {
            return 0;
        }
        try {
            int n = source.nextBatch(batch);
            records += n;
            return n;
        } catch (InputError e) {
            records++;
            problem(e);
            return 0;
        }
    }

    /** Skips the current record for {@code e}, or records {@code e} as the failure. */
    void problem(InputError e) {
        if (!skipInvalid || !e.recoverable()) {
            failure = e;
            return;
        }
        skipped++;
        firstSkipped = firstSkipped == null ? e : firstSkipped;
    }

    /** Renumbers this part's messages as if it started after {@code lines} lines and {@code before} records. */
    void shift(long lines, long before) {
        failure = failure == null ? null : failure.shifted(lines, before);
        firstSkipped = firstSkipped == null ? null : firstSkipped.shifted(lines, before);
    }

    /** Adds the counts of {@code later}, the reading of the records after this one's. */
    void append(Reading later) {
        records += later.records;
        skipped += later.skipped;
        firstSkipped = firstSkipped != null ? firstSkipped : later.firstSkipped;
    }
}
