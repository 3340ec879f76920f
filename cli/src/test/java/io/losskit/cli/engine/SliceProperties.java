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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A slice's values are the same losses computed over that slice's rows alone (bit for bit: the
 * same rows in the same order), for a per-sample, an aggregate and a batch loss, under random
 * slicings; and the slices are the same read on one thread or two.
 */
class SliceProperties {

    private static final LossRegistry REGISTRY = LossRegistry.builtin();

    @Property(tries = 25)
    void aSliceIsItsRowsScoredAlone(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int rows,
                                    @ForAll @IntRange(min = 1, max = 12) int distinct) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        String header = "g,h,pred_0,pred_1,target,w";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int g = random.nextInt(distinct);
            // numbers and texts, and a number written two ways (3 and 3.0)
            String key = g % 3 == 0 ? "s" + g : g == 4 && random.nextBoolean() ? "4.0" : Integer.toString(g);
            lines.add(key + "," + random.nextInt(2) + "," + random.nextGaussian() + "," + random.nextGaussian() + ","
                    + random.nextInt(3) + "," + random.nextInt(4) * 0.5);
        }
        Path all = write("all", header, lines);
        try {
            // per-sample and aggregate (pred is pred_0 … pred_1: a vector; mse and rmse read pred_0 as a number via --col)
            check(all, header, lines, List.of("mse", "rmse"), Map.of("pred", "pred_0", "weight", "w"), 0);
            // batch: triplet over labelled embeddings (unweighted), batches of 4 within each slice
            check(all, header, lines, List.of("triplet"), Map.of(), 4);
        } finally {
            Files.delete(all);
        }
    }

    private static void check(Path all, String header, List<String> lines, List<String> losses, Map<String, String> cols,
                              int batchSize) throws IOException {
        for (List<String> by : List.of(List.of("g"), List.of("g", "h"))) {
            ScoreEngine.Report sliced = run(all, losses, cols, batchSize, by, 1);
            ScoreEngine.Report two = run(all, losses, cols, batchSize, by, 2);
            assertThat(two.slices()).isEqualTo(sliced.slices());
            assertThat(values(sliced.results())).isEqualTo(values(run(all, losses, cols, batchSize, List.of(), 1).results()));
            Map<String, List<String>> rowsOf = new LinkedHashMap<>();
            for (String line : lines) {
                String[] cells = line.split(",");
                String key = canonical(cells[0]) + (by.size() > 1 ? "|" + cells[1] : "");
                rowsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
            }
            assertThat(sliced.slices()).hasSize(rowsOf.size());
            for (ScoreEngine.Slice s : sliced.slices()) {
                Object g = s.key().get("g");
                String key = (g instanceof Double d ? Long.toString(d.longValue()) : (String) g)
                        + (by.size() > 1 ? "|" + ((Double) s.key().get("h")).longValue() : "");
                Path alone = write("slice", header, rowsOf.get(key));
                try {
                    assertThat(values(s.results())).as("slice %s of %s", key, losses)
                            .isEqualTo(values(run(alone, losses, cols, batchSize, List.of(), 1).results()));
                } finally {
                    Files.delete(alone);
                }
            }
        }
    }

    /** A slice value as the engine keys it: a number (4.0 is 4) or the text. */
    private static String canonical(String cell) {
        return cell.startsWith("s") ? cell : Long.toString((long) Double.parseDouble(cell));
    }

    /** Each result's value (boxed: NaN equals NaN) and count. */
    private static List<Object> values(List<ScoreEngine.Outcome> results) {
        List<Object> v = new ArrayList<>();
        results.forEach(o -> {
            v.add(o.value());
            v.add(o.count());
        });
        return v;
    }

    private static Path write(String name, String header, List<String> lines) throws IOException {
        Path f = Files.createTempFile(name, ".csv");
        Files.writeString(f, header + "\n" + String.join("\n", lines) + "\n");
        return f;
    }

    private static ScoreEngine.Report run(Path f, List<String> losses, Map<String, String> cols, int batchSize,
                                          List<String> by, int threads) throws IOException {
        ScorePlan plan = ScorePlanner.plan(REGISTRY, losses, List.of(), Reduction.MEAN, x -> Map.of());
        ScoreEngine.Options options = new ScoreEngine.Options(batchSize, List.of(), cols, false).threads(threads).by(by);
        try (RecordSource source = Inputs.open(f.toString(), null, InputStream.nullInputStream())) {
            return new ScoreEngine().run(plan, source, options);
        }
    }
}
