package io.losskit.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.LossStates;
import io.losskit.spi.InvalidInputException;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.testkit.ColumnRows;
import io.losskit.testkit.LossHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every built-in loss that takes batches by columns ({@code ColumnLoss}, {@code ColumnAccumulator})
 * leaves its state, through the kernel's {@link LossStates#addAll}, bit for bit as one sample at a
 * time does, and refuses the same rows with the same messages: random columns of every shape its
 * roles take (numbers, vectors, vectors of different lengths, a vector beside a number), values
 * that some losses refuse (negative counts, −1 for msle), random weights with zeros.
 */
class ColumnLossesTest {

    /** The losses that must take columns (a test that finds none would pass on nothing). */
    private static final Set<String> TAKE_COLUMNS = Set.of("mse", "mae", "huber", "rmse", "l1", "l2", "smooth-l1",
            "log-cosh", "msle", "mape", "poisson", "quantile", "me", "shrinkage", "cross-entropy", "nll", "perplexity",
            "bce", "bce-logits", "focal", "soft-margin", "hinge", "squared-hinge", "zero-one");

    /** Parameters tried besides the defaults. */
    private static final Map<String, List<Map<String, String>>> PARAMS = Map.of(
            "cross-entropy", List.of(Map.of("label-smoothing", "0.1", "class-weights", "1,2,0.5", "ignore-index", "1"),
                    Map.of("input", "probs"), Map.of("class-weights", "1,2")),
            "huber", List.of(Map.of("delta", "0.25")),
            "bce", List.of(Map.of("pos-weight", "2", "label-smoothing", "0.2"), Map.of("input", "logits")),
            "focal", List.of(Map.of("gamma", "0.5", "alpha", "-1")),
            "zero-one", List.of(Map.of("threshold", "0")),
            "quantile", List.of(Map.of("q", "0.9")));

    private static final double[] EDGES = {0, -1, 1, -0.5, 1e-300, 1e300, -1e300};

    @Test
    void columnsGiveTheRowByRowStatesOfEveryLossThatTakesThem() {
        Set<String> taking = new HashSet<>();
        for (LossDefinition d : new BuiltinLosses().losses()) {
            LossDescriptor desc = d.descriptor();
            Set<String> roles = new LinkedHashSet<>();
            desc.roles().forEach(r -> roles.add(r.name()));
            if (desc.takesWeight()) {
                roles.add(LossDescriptor.WEIGHT);
            }
            Evaluator evaluator;
            try {
                evaluator = LossHarness.evaluator(d, Map.of(), roles, desc.reductions().iterator().next(), 0);
            } catch (IllegalArgumentException | InvalidInputException needsParametersOrOtherRoles) {
                continue;
            }
            if (!new LossStates(List.of(evaluator.newState()), UnaryOperator.identity()).takesColumns()) {
                continue;
            }
            taking.add(desc.id());
            List<Map<String, String>> params = new ArrayList<>(List.of(Map.of()));
            params.addAll(PARAMS.getOrDefault(desc.id(), List.of()));
            for (Map<String, String> p : params) {
                for (Reduction reduction : desc.reductions()) {
                    if (reduction != Reduction.NONE) {
                        assertThat(check(d, LossHarness.evaluator(d, p, roles, reduction, 0))).isGreaterThanOrEqualTo(2);
                    }
                }
            }
        }
        assertThat(taking).containsAll(TAKE_COLUMNS);
    }

    /** The shapes checked of each loss and reduction; at least numbers and vectors of equal lengths. */
    private static int check(LossDefinition d, Evaluator evaluator) {
        int checked = 0;
        SplittableRandom random = new SplittableRandom(d.descriptor().id().hashCode());
        for (int[] shape : new int[][] {{0, 0}, {3, 3}, {1, 1}, {3, 2}, {2, 0}, {0, 2}, {3, 0}, {1, 0}}) {
            if (!fits(d, shape)) {
                continue;
            }
            checked++;
            LossStates rows = new LossStates(List.of(evaluator.newState()), UnaryOperator.identity());
            LossStates batches = new LossStates(List.of(evaluator.newState()), UnaryOperator.identity());
            List<String> refusedByRows = new ArrayList<>();
            List<String> refusedByBatches = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                int n = 1 + random.nextInt(200);
                Map<String, double[][]> columns = new HashMap<>();
                Set<String> vectors = new HashSet<>();
                columns.put("pred", values(random, Math.max(shape[0], 1), n));
                columns.put("target", shape[1] == 0 && shape[0] > 0
                        ? new double[][] {indices(random, shape[0], n)} : targets(random, Math.max(shape[1], 1), n));
                if (shape[0] > 0) {
                    vectors.add("pred");
                }
                if (shape[1] > 0) {
                    vectors.add("target");
                }
                double[] weights = null;
                if (d.descriptor().takesWeight() && b % 2 == 1) {
                    weights = new double[n];
                    for (int i = 0; i < n; i++) {
                        weights[i] = random.nextInt(5) == 0 ? 0 : 4 * random.nextDouble();
                    }
                    columns.put(LossDescriptor.WEIGHT, new double[][] {weights});
                }
                ColumnRows batch = new ColumnRows(columns, vectors, n);
                for (int i = 0; i < n; i++) {
                    try {
                        rows.add(batch.row(i), weights == null ? 1.0 : weights[i]);
                    } catch (InvalidSampleException e) {
                        refusedByRows.add(b + ":" + i + " " + e.role() + " " + e.getMessage());
                    }
                }
                int at = b;
                batches.addAll(batch, weights, (e, row) -> refusedByBatches.add(at + ":" + row + " " + e.role() + " " + e.getMessage()));
            }
            String what = d.descriptor().id() + " " + evaluator.reduction() + " shape " + shape[0] + "/" + shape[1];
            assertThat(refusedByBatches).as(what).isEqualTo(refusedByRows);
            LossState one = rows.states().get(0);
            LossState other = batches.states().get(0);
            assertThat(other.encode()).as(what).isEqualTo(one.encode());
            assertThat(other.warnings()).as(what).isEqualTo(one.warnings());
        }
        return checked;
    }

    /** Whether the loss's roles take this shape (0: a number, k: a vector of k). */
    private static boolean fits(LossDefinition d, int[] shape) {
        for (RoleSpec r : d.descriptor().roles()) {
            if (r.name().equals(LossDescriptor.WEIGHT)) {
                continue;
            }
            int s = r.name().equals("pred") ? shape[0] : r.name().equals("target") ? shape[1] : -1;
            if (s < 0 || (s > 0 && r.kind() == RoleKind.NUMBER) || (s == 0 && r.kind() == RoleKind.VECTOR)) {
                return false;
            }
        }
        return true;
    }

    /** Class indices of {@code k} classes, now and then one out of range or no integer. */
    private static double[] indices(SplittableRandom random, int k, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(20);
            c[i] = r == 0 ? k : r == 1 ? -1 : r == 2 ? 0.5 : random.nextInt(k);
        }
        return c;
    }

    /** {@link #values}, but 0 or 1 about every other time (binary labels, multi-label targets). */
    private static double[][] targets(SplittableRandom random, int k, int n) {
        double[][] c = values(random, k, n);
        for (double[] column : c) {
            for (int i = 0; i < n; i++) {
                if (random.nextBoolean()) {
                    column[i] = random.nextInt(2);
                }
            }
        }
        return c;
    }

    /** {@code k} columns of {@code n} values: uniform in [−3, 3], and now and then an edge value. */
    private static double[][] values(SplittableRandom random, int k, int n) {
        double[][] c = new double[k][n];
        for (double[] column : c) {
            for (int i = 0; i < n; i++) {
                column[i] = random.nextInt(10) == 0 ? EDGES[random.nextInt(EDGES.length)] : 6 * random.nextDouble() - 3;
            }
        }
        return c;
    }
}
