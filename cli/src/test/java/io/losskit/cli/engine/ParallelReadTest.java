package io.losskit.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.cli.LossRegistry;
import io.losskit.cli.ScorePlanner;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Inputs;
import io.losskit.cli.input.RecordSource;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read in chunks on several threads gives what one sequential pass gives, messages included. */
class ParallelReadTest {

    private static final LossRegistry REGISTRY = LossRegistry.builtin();

    @TempDir
    Path dir;

    private Path file(int rows, String extra) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder("pred,target\n");
        for (int i = 0; i < rows; i++) {
            if (i == rows / 2 && extra != null) {
                sb.append(extra);
            }
            sb.append(random.nextGaussian()).append(',').append(random.nextGaussian() * 1e6).append('\n');
        }
        Path f = dir.resolve("data.csv");
        Files.writeString(f, sb);
        return f;
    }

    private ScoreEngine.Report run(Path f, Reduction reduction, int threads, boolean skip, String... losses)
            throws IOException {
        ScorePlan plan = ScorePlanner.plan(REGISTRY, List.of(losses), List.of(), reduction, x -> Map.of());
        ScoreEngine.Options options = new ScoreEngine.Options(0, List.of(), Map.of(), skip).threads(threads);
        try (RecordSource source = Inputs.open(f.toString(), null, InputStream.nullInputStream())) {
            return new ScoreEngine().run(plan, source, options);
        }
    }

    @Test
    void chunksGiveTheSequentialResult() throws IOException {
        Path f = file(20_000, null);
        for (Reduction r : List.of(Reduction.MEAN, Reduction.SUM)) {
            ScoreEngine.Report one = run(f, r, 1, false, "mse", "mae");
            ScoreEngine.Report many = run(f, r, 5, false, "mse", "mae");
            assertThat(many.records()).isEqualTo(20_000);
            for (int i = 0; i < 2; i++) {
                // compensated sums make the split invisible to the last bit
                assertThat(many.results().get(i).value()).isEqualTo(one.results().get(i).value());
                assertThat(many.results().get(i).count()).isEqualTo(20_000);
            }
        }
        ScoreEngine.Report one = run(f, Reduction.NONE, 1, false, "mae");
        ScoreEngine.Report many = run(f, Reduction.NONE, 3, false, "mae");
        assertThat(many.results().get(0).values()).containsExactly(one.results().get(0).values());
        ScoreEngine.Report rmse = run(f, Reduction.MEAN, 4, false, "rmse");
        assertThat(rmse.results().get(0).value()).isEqualTo(run(f, Reduction.MEAN, 1, false, "rmse").results().get(0).value());
    }

    @Test
    void errorsInLaterChunksNameTheirLineInTheFile() throws IOException {
        Path f = file(10_000, "1.0,oops\n");
        // the bad row is record 5001, on line 5002 (the header is line 1)
        assertThatThrownBy(() -> run(f, Reduction.MEAN, 4, false, "mse"))
                .isInstanceOfSatisfying(InputError.class, e -> {
                    assertThat(e.line()).isEqualTo(5002);
                    assertThat(e.record()).isEqualTo(5001);
                    assertThat(e.column()).isEqualTo("target");
                });
        ScoreEngine.Report skipped = run(f, Reduction.MEAN, 4, true, "mse");
        assertThat(skipped.skipped()).isEqualTo(1);
        assertThat(skipped.records()).isEqualTo(10_001);
        assertThat(skipped.firstSkipped()).contains("line 5002 (record 5001)");
        assertThat(skipped.results().get(0).value()).isEqualTo(run(file(10_000, null), Reduction.MEAN, 1, false, "mse")
                .results().get(0).value());
    }

    @Test
    void aQuotedLineBreakAcrossABoundaryFallsBackToOnePass() throws IOException {
        // a quoted field holding many line breaks: some chunk boundary guesses land inside it
        String quoted = "1.0,\"" + "\n".repeat(5000) + "2.0\"\n";
        Path f = file(4_000, quoted);
        ScoreEngine.Report many = run(f, Reduction.MEAN, 8, true, "mse");
        ScoreEngine.Report one = run(f, Reduction.MEAN, 1, true, "mse");
        assertThat(many.records()).isEqualTo(4_001);
        assertThat(many.results().get(0).value()).isEqualTo(one.results().get(0).value());
        assertThat(many.skipped()).isEqualTo(one.skipped());
    }
}
