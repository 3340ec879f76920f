package io.losskit.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.Samples;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The kernel's merge law, for every built-in loss and each of its reductions: a random input (rows
 * drawn from the golden cases' inputs of that loss, with random weights) cut into random parts,
 * each evaluated on its own, then merged in order under several groupings (left to right, right to
 * left, a random tree, some parts through their bytes), gives the one-pass result; the parts
 * merged in another order give the same reduced value. What must be bit-identical (core's
 * package documentation): the count, the details, the per-sample values of {@code none}, and the
 * reduced value when every partial sum is exact (integer terms and integer weights); the rest
 * equals within rounding: a few units in the last place of the result.
 */
class MergeProperties {

    /** The inputs of the loss, one pool of valid rows per golden input file and parameter set. */
    record Pool(LossDefinition loss, Map<String, String> params, String file, List<Sample> rows, boolean integral) {
        @Override
        public String toString() {
            return loss.descriptor().id() + " " + params + " on " + file;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FOLDERS = List.of("golden/regression", "golden/classification",
            "golden/sequence", "golden/metric", "project-golden/companion", "project-golden/asr");
    private static final List<Pool> POOLS = pools();

    @Test
    void everyBuiltInLossHasAPool() {
        Set<String> covered = new TreeSet<>();
        POOLS.forEach(p -> covered.add(p.loss().descriptor().id()));
        Set<String> all = new TreeSet<>();
        new BuiltinLosses().losses().forEach(d -> all.add(d.descriptor().id()));
        assertThat(covered).isEqualTo(all);
    }

    @Property(tries = 40)
    void splitEvaluatedAndMergedEqualsOnePass(@ForAll long seed) {
        for (Pool pool : POOLS) {
            for (Reduction reduction : pool.loss().descriptor().reductions()) {
                check(pool, reduction, new SplittableRandom(seed ^ pool.toString().hashCode() * 31L + reduction.ordinal()));
            }
        }
    }

    private static void check(Pool pool, Reduction reduction, SplittableRandom random) {
        LossDescriptor d = pool.loss().descriptor();
        Parameters params = ParameterValues.of(d, pool.params(), f -> Map.of());
        Set<String> roles = roles(d, pool.rows());
        boolean batch = shape(pool) == BatchLoss.class;
        if (batch && reduction == Reduction.NONE) {
            return;   // a batch has one value, not one per sample (the shape refuses none)
        }
        int n = 1 + random.nextInt(batch ? 24 : 40);
        boolean integerWeights = random.nextBoolean();
        List<Sample> input = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            input.add(pool.rows().get(random.nextInt(pool.rows().size())));
            weights.add(integerWeights ? random.nextInt(4) : random.nextInt(8) == 0 ? 0 : random.nextDouble(0.01, 5));
        }
        // a batch loss's input is cut only at multiples of the batch size (each part closes its batches)
        int batchSize = batch ? 2 + random.nextInt(Math.max(1, n - 1)) : 0;
        Evaluator e = Evaluator.of(pool.loss(), params, roles, reduction, batchSize);
        LossResult whole;
        try {
            whole = feed(e, input, weights, 0, n).finish();
        } catch (RuntimeException refused) {
            return;   // rows valid alone can be refused together (a batch with one class); nothing to compare
        }
        List<Integer> cuts = cuts(random, n, batch ? batchSize : 1);
        String what = pool + ", " + reduction.id() + (batch ? ", batch size " + batchSize : "") + ", " + n
                + " rows cut at " + cuts + ", weights " + weights;

        assertSame(merged(e, input, weights, cuts, 0, random), whole, true, integerWeights, pool.integral(), what + ", left to right");
        assertSame(merged(e, input, weights, cuts, 1, random), whole, true, integerWeights, pool.integral(), what + ", right to left");
        assertSame(merged(e, input, weights, cuts, 2, random), whole, true, integerWeights, pool.integral(), what + ", a random tree");
        if (!batch && reduction != Reduction.NONE) {
            assertSame(merged(e, input, weights, cuts, 3, random), whole, false, integerWeights, pool.integral(), what + ", parts shuffled");
        }
    }

    private static LossState feed(Evaluator e, List<Sample> input, List<Double> weights, int from, int to) {
        LossState s = e.newState();
        for (int i = from; i < to; i++) {
            s.add(input.get(i), weights.get(i));
        }
        return s;
    }

    /** Random cut points in [0, n], multiples of {@code step}, repeats allowed (an empty part). */
    private static List<Integer> cuts(SplittableRandom random, int n, int step) {
        List<Integer> cuts = new ArrayList<>();
        int k = random.nextInt(6);
        for (int i = 0; i < k; i++) {
            cuts.add(step * random.nextInt(n / step + 1));
        }
        Collections.sort(cuts);
        return cuts;
    }

    /**
     * The parts' states merged: 0 left to right, 1 right to left (each earlier part takes the
     * merge of all later ones), 2 a random tree with some states through their bytes, 3 the parts
     * in a random order, left to right.
     */
    private static LossResult merged(Evaluator e, List<Sample> input, List<Double> weights, List<Integer> cuts,
                                     int how, SplittableRandom random) {
        List<LossState> parts = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            parts.add(feed(e, input, weights, from, cut));
            from = cut;
        }
        parts.add(feed(e, input, weights, from, input.size()));
        switch (how) {
            case 0 -> {
                for (LossState later : parts.subList(1, parts.size())) {
                    parts.get(0).merge(later);
                }
                return parts.get(0).finish();
            }
            case 1 -> {
                for (int i = parts.size() - 2; i >= 0; i--) {
                    parts.get(i).merge(parts.get(i + 1));
                }
                return parts.get(0).finish();
            }
            case 2 -> {
                return tree(e, parts, random).finish();
            }
            default -> {
                Collections.shuffle(parts, new java.util.Random(random.nextLong()));
                for (LossState later : parts.subList(1, parts.size())) {
                    parts.get(0).merge(later);
                }
                return parts.get(0).finish();
            }
        }
    }

    /** The states merged in order, split at a random point, each side merged the same way. */
    private static LossState tree(Evaluator e, List<LossState> parts, SplittableRandom random) {
        if (parts.size() == 1) {
            LossState only = parts.get(0);
            return random.nextInt(3) == 0 ? e.decode(only.encode()) : only;
        }
        int split = 1 + random.nextInt(parts.size() - 1);
        LossState left = tree(e, parts.subList(0, split), random);
        left.merge(tree(e, parts.subList(split, parts.size()), random));
        return left;
    }

    private static void assertSame(LossResult got, LossResult want, boolean inOrder, boolean integerWeights,
                                   boolean integral, String what) {
        assertThat(got.count()).as(what).isEqualTo(want.count());
        assertThat(got.details()).as(what).isEqualTo(want.details());
        if (want.values() != null) {
            assertThat(got.values()).as(what).containsExactly(want.values());
            return;
        }
        double g = got.value();
        double w = want.value();
        if (inOrder && integerWeights && integral) {
            assertThat(Double.valueOf(g)).as(what + " (exact partial sums)").isEqualTo(Double.valueOf(w));
        } else if (!Double.isFinite(w)) {
            assertThat(Double.valueOf(g)).as(what).isEqualTo(Double.valueOf(w));   // NaN is NaN here
        } else {
            assertThat(Math.abs(g - w)).as(what + ": %s vs %s", g, w).isLessThanOrEqualTo(8 * Math.ulp(w) + 1e-300);
        }
    }

    /** The roles of the loss that the rows have. */
    private static Set<String> roles(LossDescriptor d, List<Sample> rows) {
        Set<String> roles = new LinkedHashSet<>();
        for (RoleSpec r : d.roles()) {
            if (rows.get(0).has(r.name())) {
                roles.add(r.name());
            }
        }
        return roles;
    }

    private static Class<?> shape(Pool pool) {
        return shape(pool.loss(), pool.params(), pool.rows());
    }

    private static Class<?> shape(LossDefinition loss, Map<String, String> params, List<Sample> rows) {
        LossDescriptor d = loss.descriptor();
        Reduction any = d.reductions().stream().filter(r -> r != Reduction.NONE).findFirst().orElse(Reduction.NONE);
        return Evaluator.of(loss, ParameterValues.of(d, params, f -> Map.of()), roles(d, rows), any, 0).shape();
    }

    /** Whether the loss's per-sample values on these rows are all integers (so are the sums of integer weights). */
    private static boolean integral(LossDefinition loss, Map<String, String> params, List<Sample> rows) {
        LossDescriptor d = loss.descriptor();
        if (!d.reductions().contains(Reduction.NONE) || shape(loss, params, rows) == BatchLoss.class) {
            return false;
        }
        Evaluator e = Evaluator.of(loss, ParameterValues.of(d, params, f -> Map.of()), roles(d, rows), Reduction.NONE, 0);
        LossState s = e.newState();
        rows.forEach(r -> s.add(r, 1));
        return Arrays.stream(s.finish().values()).allMatch(v -> v == Math.rint(v) && Math.abs(v) < 1e9);
    }

    // ---- the pools: every golden case of a built-in loss whose input is one JSONL file

    private static List<Pool> pools() {
        Map<String, LossDefinition> byName = new HashMap<>();
        for (LossDefinition d : new BuiltinLosses().losses()) {
            byName.put(d.descriptor().id(), d);
            d.descriptor().aliases().forEach(a -> byName.put(a, d));
        }
        Map<String, Pool> pools = new LinkedHashMap<>();
        for (String folder : FOLDERS) {
            for (JsonNode c : read(folder + "/cases.json")) {
                LossDefinition d = byName.get(c.get("loss").asText());
                JsonNode file = c.get("file");
                if (d == null || c.hasNonNull("expect_exit") || file == null || !file.asText().endsWith(".jsonl")
                        || c.has("args") && !c.get("args").isEmpty() || c.has("param_files") && !c.get("param_files").isEmpty()) {
                    continue;
                }
                Map<String, String> params = new LinkedHashMap<>();
                c.get("params").fields().forEachRemaining(p -> params.put(p.getKey(), text(p.getValue())));
                String key = d.descriptor().id() + params + folder + file.asText();
                if (!pools.containsKey(key)) {
                    List<Sample> rows = rows(d.descriptor(), folder + "/" + file.asText());
                    if (!rows.isEmpty()) {
                        pools.put(key, new Pool(d, params, folder + "/" + file.asText(), rows, integral(d, params, rows)));
                    }
                }
            }
        }
        return List.copyOf(pools.values());
    }

    private static String text(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(i.asText()));
            return String.join(",", items);
        }
        return v.asText();
    }

    /** The rows of a JSONL file as samples of the roles {@code d} reads, each value in its role's kind. */
    private static List<Sample> rows(LossDescriptor d, String path) {
        Map<String, RoleKind> kinds = new HashMap<>();
        for (RoleSpec r : d.roles()) {
            kinds.put(r.name(), r.kind());
        }
        kinds.putIfAbsent(LossDescriptor.WEIGHT, RoleKind.NUMBER);
        List<Sample> rows = new ArrayList<>();
        try (InputStream in = open(path)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                JsonNode row = JSON.readTree(line);
                for (Map.Entry<String, RoleKind> k : kinds.entrySet()) {
                    JsonNode v = row.get(k.getKey());
                    if (v != null && !v.isNull()) {
                        Object value = value(v, k.getValue());
                        if (value == null) {
                            return List.of();   // a row the kernel's samples cannot hold as it is
                        }
                        values.put(k.getKey(), value);
                    }
                }
                rows.add(Samples.of(values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Object value(JsonNode v, RoleKind kind) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return kind == RoleKind.TEXT || kind == RoleKind.LABEL || kind == RoleKind.SEQUENCE ? v.asText() : null;
        }
        if (!v.isArray()) {
            return null;
        }
        if (kind == RoleKind.MATRIX) {
            double[][] m = new double[v.size()][];
            for (int i = 0; i < m.length; i++) {
                Object row = value(v.get(i), RoleKind.VECTOR);
                if (!(row instanceof double[] r)) {
                    return null;
                }
                m[i] = r;
            }
            return m;
        }
        if (kind == RoleKind.SEQUENCE && v.size() > 0 && v.get(0).isTextual()) {
            String[] tokens = new String[v.size()];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = v.get(i).asText();
            }
            return tokens;
        }
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            if (!v.get(i).isNumber()) {
                return null;
            }
            a[i] = v.get(i).doubleValue();
        }
        if (kind == RoleKind.SEQUENCE) {
            return Arrays.stream(a).mapToInt(x -> (int) x).toArray();
        }
        return a;
    }

    private static List<JsonNode> read(String path) {
        try (InputStream in = open(path)) {
            List<JsonNode> nodes = new ArrayList<>();
            JSON.readTree(in).forEach(nodes::add);
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = MergeProperties.class.getResourceAsStream("/" + path);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + path);
        }
        return in;
    }
}
