package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.cli.engine.RunProgress;
import io.losskit.cli.input.InputFiles;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line of hand-set states (the figures worked out by hand in each comment). */
class ProgressLineTest {

    @Test
    void percentRateElapsedAndTimeLeft() {
        // 450,000 / 9 s = 50,000/s; left: 9 s × 0.55 / 0.45 = 11 s
        assertThat(Progress.line(new Progress.State(null, 450_000, 0.45, 9, -1, 0)))
                .isEqualTo("reading  45%, 450,000 records (50,000/s, 9 s, 11 s left)");
    }

    @Test
    void unknownSizeShowsRateAndTimeOnlyAndNamesTheBootstrap() {
        // 1,234,567 / 65 s = 18,993.3/s; 65 s = 1 min 5 s
        assertThat(Progress.line(new Progress.State(null, 1_234_567, -1, 65, -1, 1000)))
                .isEqualTo("reading (with 1,000 bootstrap replicates), 1,234,567 records (18,993/s, 1 min 5 s)");
    }

    @Test
    void batchOfAbout() {
        // batch ⌈12,288 / 1,000⌉ = 13; of about ⌈12,288 / 0.25 / 1,000⌉ = ⌈49.152⌉ = 50; left 4 × 0.75 / 0.25 = 12 s
        assertThat(Progress.line(new Progress.State(null, 12_288, 0.25, 4, 1000, 0)))
                .isEqualTo("reading  25%, 12,288 records (3,072/s, 4 s, 12 s left), computing batch 13 of about 50");
        // the 12,000th record completes batch 12, which it computes: still batch 12 (of ⌈12,000 / 0.25 / 1,000⌉ = 48)
        assertThat(Progress.line(new Progress.State(null, 12_000, 0.25, 4, 1000, 0)))
                .isEqualTo("reading  25%, 12,000 records (3,000/s, 4 s, 12 s left), computing batch 12 of about 48");
        // nothing read yet: batch 1
        assertThat(Progress.line(new Progress.State(null, 0, 0.01, 1, 1000, 0)))
                .isEqualTo("reading   1%, 0 records (0/s, 1 s, 1 min 39 s left), computing batch 1 of about 1");
        assertThat(Progress.line(new Progress.State(null, 4_096, -1, 2, 0, 0)))
                .isEqualTo("reading, 4,096 records (2,048/s, 2 s), then one batch of all records");
    }

    @Test
    void computingKeepsTheElapsedTime() {
        assertThat(Progress.line(new Progress.State("triplet, one batch of all 20,000 records", 20_000, 1, 13, 0, 0)))
                .isEqualTo("computing triplet, one batch of all 20,000 records (20,000 records read; 13 s)");
    }

    @Test
    void fractionFromTheRecordsTheSourceAnnounces() {
        // no file read as a stream (an .npz, a Parquet file): 250 of the 1,000 records its metadata announces
        RunProgress engine = () -> 250;
        Progress.State s = Progress.state(engine, new InputFiles(false), source(1000), 5);
        assertThat(s.fraction()).isEqualTo(0.25);
        assertThat(Progress.state(engine, new InputFiles(false), source(-1), 5).fraction()).isEqualTo(-1);
        // the engine's own fraction (parts read in parallel) comes first
        RunProgress parallel = new RunProgress() {
            @Override
            public long recordsRead() {
                return 250;
            }

            @Override
            public double fractionRead() {
                return 0.6;
            }
        };
        assertThat(Progress.state(parallel, new InputFiles(false), source(1000), 5).fraction()).isEqualTo(0.6);
    }

    private static RecordSource source(long records) {
        return new RecordSource() {
            @Override
            public String name() {
                return "f.npz";
            }

            @Override
            public Record next() {
                return null;
            }

            @Override
            public List<String> columns() {
                return List.of();
            }

            @Override
            public int columnIndex(String name) {
                return -1;
            }

            @Override
            public long recordCount() {
                return records;
            }

            @Override
            public void close() {
            }
        };
    }
}
