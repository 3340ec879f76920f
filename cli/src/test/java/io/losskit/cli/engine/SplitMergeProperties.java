package io.losskit.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.cli.LossRegistry;
import io.losskit.cli.ScorePlanner;
import io.losskit.cli.input.Inputs;
import io.losskit.cli.input.RecordSource;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Splitting an input into chunks read on their own threads and merging the losses' states gives
 * exactly what one pass gives, for per-sample and aggregate losses, weighted or not.
 */
class SplitMergeProperties {

    private static final LossRegistry REGISTRY = LossRegistry.builtin();

    @Property(tries = 60)
    void chunkedEqualsOnePass(@ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
                              @ForAll @IntRange(min = 2, max = 7) int threads,
                              @ForAll boolean weighted) throws IOException {
        Path file = Files.createTempFile("split", ".csv");
        try {
            StringBuilder sb = new StringBuilder(weighted ? "pred,target,weight\n" : "pred,target\n");
            for (int i = 0; i < values.size(); i++) {
                sb.append(values.get(i)).append(',').append(values.get(values.size() - 1 - i) / 3);
                sb.append(weighted ? "," + (i % 4) * 0.5 : "").append('\n');
            }
            Files.writeString(file, sb);
            for (Reduction r : List.of(Reduction.MEAN, Reduction.SUM)) {
                List<String> losses = r == Reduction.MEAN ? List.of("mse", "mae", "rmse", "l2") : List.of("mse", "l1");
                ScoreEngine.Report one = run(file, losses, r, 1);
                ScoreEngine.Report many = run(file, losses, r, threads);
                for (int i = 0; i < losses.size(); i++) {
                    // boxed, so that NaN (every weight 0) equals NaN
                    assertThat(Double.valueOf(many.results().get(i).value())).as(losses.get(i))
                            .isEqualTo(Double.valueOf(one.results().get(i).value()));
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    private static ScoreEngine.Report run(Path f, List<String> losses, Reduction reduction, int threads) throws IOException {
        ScorePlan plan = ScorePlanner.plan(REGISTRY, losses, List.of(), reduction, x -> Map.of());
        ScoreEngine.Options options = new ScoreEngine.Options(0, List.of(), Map.of(), false).threads(threads);
        try (RecordSource source = Inputs.open(f.toString(), null, InputStream.nullInputStream())) {
            return new ScoreEngine().run(plan, source, options);
        }
    }
}
