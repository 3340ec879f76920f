package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.losskit.core.stats.Resampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score --ci/--bootstrap/--seed}, through the real command. */
class ConfidenceIntervalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode json(Cli.Run run) throws IOException {
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    /**
     * The interval worked out here from the Poisson weights alone: replicate r's mean is
     * Σ k(line, r)·ℓ / Σ k(line, r) over the records, keyed on each record's line in the CSV
     * (the header is line 1); the ends are numpy's linear quantiles of the replicates.
     */
    private static double[] expected(double[] losses, long[] lines, double level, int resamples, long seed, boolean sum) {
        Resampling weights = new Resampling(resamples, seed);
        double[] reps = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < losses.length; i++) {
                int k = weights.weight(lines[i], r);
                num += k * losses[i];
                den += k;
            }
            reps[r] = sum ? num : num / den;
        }
        double[] sorted = Arrays.stream(reps).filter(x -> !Double.isNaN(x)).sorted().toArray();
        double tail = (1 - level / 100) / 2;
        return new double[] {quantile(sorted, tail), quantile(sorted, 1 - tail)};
    }

    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int i = (int) Math.floor(h);
        return i + 1 >= sorted.length ? sorted[i] : sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
    }

    @Test
    void theIntervalIsThePercentileIntervalOfThePoissonReplicatesKeyedOnTheLine() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        int n = 300;
        StringBuilder csv = new StringBuilder("pred,target\n");
        double[] squared = new double[n];
        double[] absolute = new double[n];
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            int p = random.nextInt(10);
            int t = random.nextInt(10);
            csv.append(p).append(',').append(t).append('\n');
            squared[i] = (p - t) * (p - t);
            absolute[i] = Math.abs(p - t);
            lines[i] = i + 2;
        }
        Path f = Files.writeString(tmp.resolve("r.csv"), csv);
        JsonNode got = json(Cli.run("score", "-l", "mse,mae", "--ci", "90", "--bootstrap", "400", "--seed", "7", "-o", "json",
                f.toString()));
        double[] mse = expected(squared, lines, 90, 400, 7, false);
        double[] mae = expected(absolute, lines, 90, 400, 7, false);
        JsonNode ci = got.get("results").get(0).get("ci");
        // integer losses: every sum is exact, so the ends agree to the last bit
        assertThat(ci.get("low").asDouble()).isEqualTo(mse[0]);
        assertThat(ci.get("high").asDouble()).isEqualTo(mse[1]);
        assertThat(ci.get("level").asDouble()).isEqualTo(90.0);
        assertThat(ci.get("method").asText()).isEqualTo("percentile");
        assertThat(ci.get("resamples").asInt()).isEqualTo(400);
        assertThat(ci.get("seed").asLong()).isEqualTo(7);
        assertThat(got.get("results").get(1).get("ci").get("low").asDouble()).isEqualTo(mae[0]);
        assertThat(got.get("results").get(1).get("ci").get("high").asDouble()).isEqualTo(mae[1]);
        assertThat(got.get("signature").asText()).contains("|ci:90.0|bs:400|seed:7|n:300|");

        // defaults: 1,000 resamples, seed 12345; sum reduction resamples the sum
        JsonNode sum = json(Cli.run("score", "-l", "mse", "--reduction", "sum", "--ci", "95", "-o", "json", f.toString()));
        double[] want = expected(squared, lines, 95, 1000, 12345, true);
        assertThat(sum.get("results").get(0).get("ci").get("low").asDouble()).isEqualTo(want[0]);
        assertThat(sum.get("results").get(0).get("ci").get("high").asDouble()).isEqualTo(want[1]);
        assertThat(sum.get("results").get(0).get("ci").get("seed").asLong()).isEqualTo(12345);
    }

    @Test
    void skippedRecordsKeepTheirLinesOutOfTheReplicates() throws IOException {
        Path f = Files.writeString(tmp.resolve("s.csv"), "pred,target\n1,3\nx,1\n2,2\n5,1\n\n0,nan\n4,1\n");
        JsonNode got = json(Cli.run("score", "-l", "mae", "--ci", "80", "--bootstrap", "300", "--on-invalid", "skip",
                "-o", "json", f.toString()));
        double[] want = expected(new double[] {2, 0, 4, 3}, new long[] {2, 4, 5, 8}, 80, 300, 12345, false);
        assertThat(got.get("results").get(0).get("ci").get("low").asDouble()).isEqualTo(want[0]);
        assertThat(got.get("results").get(0).get("ci").get("high").asDouble()).isEqualTo(want[1]);
    }

    @Test
    void everyFormatShowsTheEnds() throws IOException {
        Path f = Files.writeString(tmp.resolve("a.csv"), "pred,target,g\n1,2,a\n3,5,b\n0,0,a\n2,2.5,b\n4,1,a\n");
        JsonNode j = json(Cli.run("score", "-l", "mse,mae", "--ci", "95", "-o", "json", f.toString()));
        String low = end(j, 0, "low");
        String high = end(j, 0, "high");
        Cli.Run text = Cli.run("score", "-l", "mse", "--ci", "95", f.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out()).isEqualTo("2.85\t" + low + "\t" + high + "\n");
        Cli.Run two = Cli.run("score", "-l", "mse,mae", "--ci", "95", f.toString());
        assertThat(two.out().split("\n")[0]).isEqualTo("mse\t2.85\t" + low + "\t" + high);
        Cli.Run csv = Cli.run("score", "-l", "mse,mae", "--ci", "95", "-o", "csv", f.toString());
        assertThat(csv.out().split("\n")[0]).isEqualTo("loss,value,reduction,count,low,high");
        assertThat(csv.out().split("\n")[1]).isEqualTo("mse,2.85,mean,5," + low + "," + high);
        Cli.Run table = Cli.run("score", "-l", "mse,mae", "--ci", "95", "-o", "table", f.toString());
        assertThat(table.out().split("\n")[0]).matches("loss +value +low +high +reduction +count");
        assertThat(table.out().split("\n")[1]).matches("mse +2\\.85 +" + low.replace(".", "\\.") + " +"
                + high.replace(".", "\\.") + " +mean +5");

        // per slice: JSON has an interval in every slice's results, text and table a low and high per loss
        JsonNode sliced = json(Cli.run("score", "-l", "mse", "--ci", "95", "--by", "g", "-o", "json", f.toString()));
        for (JsonNode s : sliced.get("slices")) {
            JsonNode ci = s.get("results").get(0).get("ci");
            assertThat(ci.get("low").asDouble()).isLessThanOrEqualTo(s.get("results").get(0).get("value").asDouble());
            assertThat(ci.get("high").asDouble()).isGreaterThanOrEqualTo(s.get("results").get(0).get("value").asDouble());
        }
        Cli.Run slicedText = Cli.run("score", "-l", "mse", "--ci", "95", "--by", "g", f.toString());
        assertThat(slicedText.out().split("\n")[0]).isEqualTo("g\tcount\tmse\tmse.low\tmse.high");
        assertThat(slicedText.out().split("\n")[1]).isEqualTo("(all)\t5\t2.85\t" + low + "\t" + high);
        Cli.Run slicedCsv = Cli.run("score", "-l", "mse", "--ci", "95", "--by", "g", "-o", "csv", f.toString());
        assertThat(slicedCsv.out().split("\n")[0]).isEqualTo("g,loss,value,reduction,count,low,high");
    }

    private static String end(JsonNode j, int i, String end) {
        return io.losskit.core.Numbers.format(j.get("results").get(i).get("ci").get(end).asDouble());
    }

    /**
     * Coverage end to end: 1,000 simulated data sets of 200 records (one slice each, one run),
     * targets N(0, 1), pred 0: the true mae is E|X| = √(2/π). The 95% intervals must cover it in
     * 93–97% of the slices (±2.9 binomial standard deviations; fixed seeds, so the count is fixed).
     */
    @Test
    void ninetyFivePercentIntervalsCoverTheTrueValueInNinetyFivePercentOfDataSets() throws IOException {
        SplittableRandom random = new SplittableRandom(2026);
        StringBuilder csv = new StringBuilder("set,pred,target\n");
        for (int set = 0; set < 1000; set++) {
            for (int i = 0; i < 200; i++) {
                csv.append(set).append(",0,").append(random.nextGaussian()).append('\n');
            }
        }
        Path f = Files.writeString(tmp.resolve("sim.csv"), csv);
        JsonNode got = json(Cli.run("score", "-l", "mae", "--ci", "95", "--by", "set", "-o", "json", f.toString()));
        double truth = Math.sqrt(2 / Math.PI);
        int covered = 0;
        assertThat(got.get("slices")).hasSize(1000);
        for (JsonNode s : got.get("slices")) {
            JsonNode ci = s.get("results").get(0).get("ci");
            if (ci.get("low").asDouble() <= truth && truth <= ci.get("high").asDouble()) {
                covered++;
            }
        }
        assertThat(covered).isBetween(930, 970);
    }

    @Test
    void whatCannotBeResampledAndBadValuesAreUsageErrors() throws IOException {
        Path f = Files.writeString(tmp.resolve("a.csv"), "pred,target\n1,2\n3,5\n");
        Path pairs = Files.writeString(tmp.resolve("np.csv"), "anchor,positive\n\"[1,0]\",\"[1,0.1]\"\n\"[0,1]\",\"[0.1,1]\"\n");
        Cli.Run batch = Cli.run("score", "-l", "info-nce", "--ci", "95", pairs.toString());
        assertThat(batch.exit()).isEqualTo(2);
        assertThat(batch.err()).contains("--ci: info-nce is a batch (metric-learning) loss").doesNotContain("Exception");
        assertThat(batch.out()).isEmpty();
        Cli.Run none = Cli.run("score", "-l", "mse", "--ci", "95", "--reduction", "none", f.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("--reduction none");
        Cli.Run fraction = Cli.run("score", "-l", "mse", "--ci", "0.95", f.toString());
        assertThat(fraction.exit()).isEqualTo(2);
        assertThat(fraction.err()).contains("--ci 95 for 95%");
        assertThat(Cli.run("score", "-l", "mse", "--ci", "100", f.toString()).exit()).isEqualTo(2);
        assertThat(Cli.run("score", "-l", "mse", "--ci", "ninety", f.toString()).exit()).isEqualTo(2);
        assertThat(Cli.run("score", "-l", "mse", "--ci", "95", "--bootstrap", "1", f.toString()).exit()).isEqualTo(2);
        Cli.Run alone = Cli.run("score", "-l", "mse", "--bootstrap", "100", f.toString());
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err()).contains("give --ci LEVEL too");
        // 95% is the same as 95
        assertThat(Cli.run("score", "-l", "mse", "--ci", "95%", f.toString()).out())
                .isEqualTo(Cli.run("score", "-l", "mse", "--ci", "95", f.toString()).out());
    }
}
