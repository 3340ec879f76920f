package io.losskit.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.cli.LossRegistry;
import io.losskit.cli.ScorePlanner;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Inputs;
import io.losskit.cli.input.RecordSource;
import io.losskit.cli.input.SplittableSource;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Parquet file read in parts (runs of row groups) on several threads gives what one sequential pass gives, messages included. */
class ParquetPartsTest {

    private static final LossRegistry REGISTRY = LossRegistry.builtin();

    private static ScoreEngine.Report run(String file, Reduction reduction, int threads, boolean skip, String... losses)
            throws IOException {
        ScorePlan plan = ScorePlanner.plan(REGISTRY, List.of(losses), List.of(), reduction, x -> Map.of());
        ScoreEngine.Options options = new ScoreEngine.Options(0, List.of(), Map.of(), skip).threads(threads);
        try (RecordSource source = Inputs.open("src/test/resources/parquet/" + file, null, InputStream.nullInputStream())) {
            return new ScoreEngine().run(plan, source, options);
        }
    }

    @Test
    void aFileIsCutBetweenRowGroupsIntoAboutEqualParts() throws IOException {
        // reg-w.parquet: row groups of 5, 5, 5, 5 and 4 rows
        try (RecordSource source = Inputs.open("src/test/resources/parquet/reg-w.parquet", null, InputStream.nullInputStream())) {
            SplittableSource s = (SplittableSource) source;
            assertThat(s.split(2)).hasSize(2);
            assertThat(s.split(3)).hasSize(3);
            assertThat(s.split(8)).hasSize(5);
            List<Long> rows = new java.util.ArrayList<>();
            for (SplittableSource.Part p : s.split(3)) {
                long n = 0;
                try (SplittableSource.PartSource part = p.open()) {
                    while (part.next() != null) {
                        n++;
                    }
                    assertThat(part.endedAtCut()).isTrue();
                }
                rows.add(n);
            }
            assertThat(rows).containsExactly(10L, 10L, 4L);
        }
        try (RecordSource source = Inputs.open("src/test/resources/parquet/wer.parquet", null, InputStream.nullInputStream())) {
            assertThat(((SplittableSource) source).split(2)).isEmpty();  // one row group
        }
    }

    @Test
    void partsGiveTheSequentialResult() throws IOException {
        // reg-w.parquet: 24 rows in 5 row groups; weighted mse is golden 1.8645651894340116
        ScoreEngine.Report one = run("reg-w.parquet", Reduction.MEAN, 1, false, "mse", "mae");
        assertThat(one.results().get(0).value()).isEqualTo(1.8645651894340116);
        for (int threads : new int[] {2, 3, 5, 8}) {
            ScoreEngine.Report many = run("reg-w.parquet", Reduction.MEAN, threads, false, "mse", "mae");
            assertThat(many.records()).isEqualTo(24);
            assertThat(many.results().get(0).value()).isEqualTo(one.results().get(0).value());
            assertThat(many.results().get(1).value()).isEqualTo(one.results().get(1).value());
        }
        assertThat(run("reg-w.parquet", Reduction.NONE, 3, false, "mae").results().get(0).values())
                .containsExactly(run("reg-w.parquet", Reduction.NONE, 1, false, "mae").results().get(0).values());
    }

    @Test
    void partsGiveTheSequentialBootstrapIntervals() throws IOException {
        // --ci keys a Parquet record on its row in the file: each part starts after the rows of the groups before it
        ScorePlan plan = ScorePlanner.plan(REGISTRY, List.of("mse", "rmse"), List.of(), Reduction.MEAN, x -> Map.of());
        List<io.losskit.core.stats.Interval> want = null;
        for (int threads : new int[] {1, 2, 3, 5, 8}) {
            ScoreEngine.Options options = new ScoreEngine.Options(0, List.of(), Map.of(), false).threads(threads)
                    .bootstrap(new ScoreEngine.Bootstrap(95, new io.losskit.core.stats.Resampling(500, 3)));
            try (RecordSource source = Inputs.open("src/test/resources/parquet/reg-w.parquet", null, InputStream.nullInputStream())) {
                List<io.losskit.core.stats.Interval> got = new ScoreEngine().run(plan, source, options).results().stream()
                        .map(ScoreEngine.Outcome::ci).toList();
                assertThat(got).doesNotContainNull();
                if (want == null) {
                    want = got;
                } else {
                    assertThat(got).as(threads + " threads").isEqualTo(want);
                }
            }
        }
    }

    @Test
    void anErrorInALaterPartNamesItsRowInTheFile() {
        for (int threads : new int[] {1, 2, 3}) {
            assertThatThrownBy(() -> run("late-null.parquet", Reduction.MEAN, threads, false, "mse"))
                    .isInstanceOfSatisfying(InputError.class, e -> {
                        assertThat(e.record()).isEqualTo(5);
                        assertThat(e.getMessage()).isEqualTo("src/test/resources/parquet/late-null.parquet, record 5, column \"target\": no value");
                    });
        }
    }

    @Test
    void skippedRowsAreCountedAcrossParts() throws IOException {
        // without row 5: (0 + 0 + 0 + 0 + 4) / 5
        for (int threads : new int[] {1, 2, 3}) {
            ScoreEngine.Report r = run("late-null.parquet", Reduction.MEAN, threads, true, "mse");
            assertThat(r.results().get(0).value()).isEqualTo(0.8);
            assertThat(r.results().get(0).count()).isEqualTo(5);
        }
    }
}
