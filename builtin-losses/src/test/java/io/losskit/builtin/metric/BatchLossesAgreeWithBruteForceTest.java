package io.losskit.builtin.metric;

import io.losskit.core.Samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.testkit.RecordingTally;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.BatchLoss.BatchValue;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batch losses' fast paths (blocked distances, bucketed mining, per-anchor log-sum-exps,
 * threads) against {@link BruteForce} on many random batches. Small integer coordinates make
 * distance ties common, which exercises every strict/non-strict comparison of the definitions.
 */
class BatchLossesAgreeWithBruteForceTest {

    private record Batch(double[][] x, String[] y, List<Sample> samples) {
    }

    private static Batch random(Random r, int n, int d, int classes, boolean integers) {
        double[][] x = new double[n][d];
        String[] y = new String[n];
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = integers ? r.nextInt(7) - 3 : r.nextGaussian();
            }
            // Labels as text; "7" only ever once, a singleton class.
            y[i] = i == n / 2 && n > 3 ? "7" : "c" + r.nextInt(classes);
            samples.add(Samples.of("pred", x[i], "target", y[i]));
        }
        return new Batch(x, y, samples);
    }

    private static BatchValue evaluate(LossDefinition def, Map<String, String> params, List<Sample> batch,
                                       RecordingTally tally) {
        BatchLoss loss = (BatchLoss) def.create(ParameterValues.of(def.descriptor(), params, p -> null),
                LossRunner.roles("pred", "target"));
        return loss.evaluate(batch, tally);
    }

    private static void assertAgrees(String what, double[] brute, BatchValue got, RecordingTally tally,
                                     boolean details) {
        assertThat(got.terms()).as(what + " terms").isEqualTo((long) brute[1]);
        assertThat(got.sum()).as(what + " sum").isCloseTo(brute[0], within(1e-9 + 1e-11 * Math.abs(brute[0])));
        if (details) {
            assertThat(new long[] {tally.get("easy"), tally.get("semi-hard"), tally.get("hard")})
                    .as(what + " details").containsExactly((long) brute[2], (long) brute[3], (long) brute[4]);
        }
        if (brute[1] == 0) {
            assertThat(tally.warnings).as(what + " warns when no term").hasSize(1);
        }
    }

    @ParameterizedTest(name = "mining={0}")
    @ValueSource(strings = {"all", "hard", "semi-hard"})
    void tripletMiningMatchesTheDefinitionOnRandomBatches(String mining) {
        Random r = new Random(42);
        LossDefinition def = new Triplet();
        for (int trial = 0; trial < 300; trial++) {
            Batch b = random(r, 1 + r.nextInt(30), 1 + r.nextInt(4), 1 + r.nextInt(4), trial % 3 != 0);
            boolean squared = r.nextBoolean();
            double margin = new double[] {0, 0.5, 1, 2}[r.nextInt(4)];
            double[] brute = switch (mining) {
                case "all" -> BruteForce.tripletAll(b.x, b.y, margin, squared);
                case "hard" -> BruteForce.tripletHard(b.x, b.y, margin, squared);
                default -> BruteForce.tripletSemiHard(b.x, b.y, margin, squared);
            };
            RecordingTally tally = new RecordingTally();
            BatchValue got = evaluate(def, Map.of("mining", mining, "margin", Double.toString(margin),
                    "squared", Boolean.toString(squared)), b.samples, tally);
            assertAgrees("trial " + trial, brute, got, tally, true);
        }
    }

    @Test
    void contrastiveLiftedAndCircleMatchTheDefinitionOnRandomBatches() {
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            Batch b = random(r, 1 + r.nextInt(25), 1 + r.nextInt(4), 1 + r.nextInt(4), trial % 2 == 0);
            double margin = new double[] {0.5, 1, 2.5}[r.nextInt(3)];
            boolean squared = r.nextBoolean();
            RecordingTally t1 = new RecordingTally();
            assertAgrees("contrastive " + trial, BruteForce.contrastive(b.x, b.y, margin, squared),
                    evaluate(new Contrastive(), Map.of("margin", "" + margin, "squared", "" + squared), b.samples, t1),
                    t1, true);
            RecordingTally t2 = new RecordingTally();
            assertAgrees("lifted " + trial, BruteForce.lifted(b.x, b.y, margin),
                    evaluate(new LiftedStructure(), Map.of("margin", "" + margin), b.samples, t2), t2, false);
            // Cosines of parallel vectors (any two in 1-D) tie only up to rounding: circle gets Gaussian
            // batches of dimension ≥ 2.
            Batch g = random(r, 1 + r.nextInt(25), 2 + r.nextInt(4), 1 + r.nextInt(4), false);
            double m = new double[] {0, 0.25, 0.6}[r.nextInt(3)];
            RecordingTally t3 = new RecordingTally();
            assertAgrees("circle " + trial, BruteForce.circle(g.x, g.y, m, 32),
                    evaluate(new Circle(), Map.of("gamma", "32", "m", "" + m), g.samples, t3), t3, true);
        }
    }

    /** Large enough for several blocks and both threads: the same sums and counts. */
    @Test
    void aBatchSplitAcrossThreadsGivesTheBruteForceResult() {
        Batch b = random(new Random(3), 700, 8, 10, false);
        RecordingTally t = new RecordingTally();
        assertAgrees("all", BruteForce.tripletAll(b.x, b.y, 1, false),
                evaluate(new Triplet(), Map.of(), b.samples, t), t, true);
        t = new RecordingTally();
        assertAgrees("semi-hard", BruteForce.tripletSemiHard(b.x, b.y, 1, true),
                evaluate(new Triplet(), Map.of("mining", "semi-hard", "squared", "true"), b.samples, t), t, true);
        t = new RecordingTally();
        assertAgrees("hard", BruteForce.tripletHard(b.x, b.y, 1, false),
                evaluate(new Triplet(), Map.of("mining", "hard"), b.samples, t), t, true);
        t = new RecordingTally();
        assertAgrees("contrastive", BruteForce.contrastive(b.x, b.y, 1, true),
                evaluate(new Contrastive(), Map.of(), b.samples, t), t, true);
        t = new RecordingTally();
        assertAgrees("lifted", BruteForce.lifted(b.x, b.y, 1),
                evaluate(new LiftedStructure(), Map.of(), b.samples, t), t, false);
        t = new RecordingTally();
        assertAgrees("circle", BruteForce.circle(b.x, b.y, 0.25, 32),
                evaluate(new Circle(), Map.of("gamma", "32"), b.samples, t), t, true);
    }

    @Test
    void theResultDoesNotDependOnTheThreads() {
        Batch b = random(new Random(5), 900, 16, 12, false);
        BatchValue first = evaluate(new Triplet(), Map.of("mining", "semi-hard"), b.samples, new RecordingTally());
        for (int i = 0; i < 3; i++) {
            BatchValue again = evaluate(new Triplet(), Map.of("mining", "semi-hard"), b.samples, new RecordingTally());
            assertThat(again).isEqualTo(first);
        }
    }

    @Test
    void rankIndexSortsAndCountsLikeALinearScan() {
        Random r = new Random(11);
        SortedRanks ranks = new SortedRanks();
        for (int trial = 0; trial < 3000; trial++) {
            int m = trial % 97 == 0 ? 300 + r.nextInt(300) : r.nextInt(40);
            double[] s = new double[m + 3];
            int layout = trial % 4;
            for (int i = 0; i < m; i++) {
                s[i] = switch (layout) {
                    case 0 -> r.nextInt(6);                             // many ties
                    case 1 -> 5.0;                                      // all equal
                    case 2 -> i == 0 ? 1e6 : 3 + r.nextDouble() * 1e-9; // a clump (one bin) and an outlier
                    default -> r.nextGaussian();
                };
            }
            double[] unsorted = s.clone();
            ranks.index(s, m, 1 + r.nextInt(50_000));
            assertThat(s).as("input left alone").isEqualTo(unsorted);
            double[] expected = Arrays.copyOf(s, m);
            Arrays.sort(expected);
            assertThat(Arrays.copyOf(ranks.sorted(), m)).as("trial %d sorted", trial).isEqualTo(expected);
            for (int q = 0; q < 20; q++) {
                double x = switch (q % 4) {
                    case 0 -> r.nextInt(8) - 1;
                    case 1 -> m > 0 ? s[r.nextInt(m)] : 0;              // exactly a value
                    case 2 -> m > 0 ? Math.nextUp(s[r.nextInt(m)]) : 1;
                    default -> r.nextGaussian() * 10;
                };
                long atMost = Arrays.stream(s, 0, m).filter(v -> v <= x).count();
                long below = Arrays.stream(s, 0, m).filter(v -> v < x).count();
                assertThat(ranks.atMost(x)).as("trial %d, x = %s", trial, x).isEqualTo((int) atMost);
                assertThat(ranks.below(x)).as("trial %d, x = %s", trial, x).isEqualTo((int) below);
                int from = m == 0 ? 0 : r.nextInt(m);
                long atMostFrom = Arrays.stream(expected, from, m).filter(v -> v <= x).count();
                assertThat(TripletMining.countAtMost(expected, from, m, x)).isEqualTo((int) atMostFrom);
                long belowFrom = Arrays.stream(expected, from, m).filter(v -> v < x).count();
                assertThat(TripletMining.countBelow(expected, from, m, x)).isEqualTo((int) belowFrom);
            }
        }
    }
}
