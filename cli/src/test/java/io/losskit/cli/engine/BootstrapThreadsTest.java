package io.losskit.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.cli.LossRegistry;
import io.losskit.cli.ScorePlanner;
import io.losskit.cli.input.Inputs;
import io.losskit.cli.input.RecordSource;
import io.losskit.core.stats.Interval;
import io.losskit.core.stats.Resampling;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ci} intervals are the same bits on one thread and on several, for the whole input and every slice. */
class BootstrapThreadsTest {

    private static final LossRegistry REGISTRY = LossRegistry.builtin();

    @TempDir
    Path dir;

    private ScoreEngine.Report run(Path f, int threads, String... losses) throws IOException {
        ScorePlan plan = ScorePlanner.plan(REGISTRY, List.of(losses), List.of(), Reduction.MEAN, x -> Map.of());
        ScoreEngine.Options options = new ScoreEngine.Options(0, List.of(), Map.of(), true).threads(threads)
                .by(List.of("g")).bootstrap(new ScoreEngine.Bootstrap(95, new Resampling(300, 99)));
        try (RecordSource source = Inputs.open(f.toString(), null, InputStream.nullInputStream())) {
            return new ScoreEngine().run(plan, source, options);
        }
    }

    private static List<Interval> intervals(ScoreEngine.Report r) {
        List<Interval> all = new ArrayList<>();
        r.results().forEach(o -> all.add(o.ci()));
        r.slices().forEach(s -> s.results().forEach(o -> all.add(o.ci())));
        return all;
    }

    @Test
    void oneThreadAndSeveralGiveBitIdenticalIntervals() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder("g,pred,target\n");
        for (int i = 0; i < 30_000; i++) {
            if (i == 20_000) {
                sb.append("a,oops,1\n\n\n");   // skipped, and blank lines: later parts' lines move on
            }
            sb.append((char) ('a' + random.nextInt(3))).append(',').append(random.nextGaussian()).append(',')
                    .append(random.nextGaussian() * 3).append('\n');
        }
        Path f = Files.writeString(dir.resolve("data.csv"), sb);
        ScoreEngine.Report one = run(f, 1, "mse", "rmse", "mae");
        assertThat(one.skipped()).isEqualTo(1);
        List<Interval> want = intervals(one);
        assertThat(want).hasSize(12).doesNotContainNull();
        for (int threads : new int[] {2, 3, 5}) {
            ScoreEngine.Report many = run(f, threads, "mse", "rmse", "mae");
            assertThat(many.skipped()).isEqualTo(1);
            assertThat(intervals(many)).as(threads + " threads").isEqualTo(want);
        }
        // a different seed gives a different interval (the test above can fail)
        assertThat(want.get(0).low()).isLessThan(one.results().get(0).value());
    }
}
