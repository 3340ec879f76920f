package io.losskit.builtin.metric;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden metric cases (a verbatim copy of ../shared/golden/metric) whose input is a JSONL
 * file, run through {@link LossRunner}: the values within the case's tolerance, and the
 * {@code details} counts exactly. Cases with command-line arguments other than
 * {@code --batch-size} exercise the CLI readers and are left to the CLI's golden harness.
 */
class GoldenMetricTest {

    private static final String FOLDER = "/golden/metric/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : read("cases.json")) {
            if (runnable(c)) {
                out.add(Arguments.of(c.get("id").asText(), c));
            }
        }
        return out.stream();
    }

    /** A JSONL input, no arguments but --batch-size, a value (not an expected exit code). */
    private static boolean runnable(JsonNode c) {
        JsonNode args = c.path("args");
        boolean onlyBatchSize = args.size() == 0
                || (args.size() == 2 && args.get(0).asText().equals("--batch-size"));
        return c.path("file").asText("").endsWith(".jsonl") && onlyBatchSize && c.has("expected");
    }

    @Test
    void everyMetricCaseOfTheFolderIsRecognised() {
        long runnable = 0;
        for (JsonNode c : read("cases.json")) {
            assertThat(loss(c.get("loss").asText())).as(c.get("id").asText()).isNotNull();
            runnable += runnable(c) ? 1 : 0;
        }
        // 63 cases, of which 2 read CSV files (left to the CLI's harness).
        assertThat(runnable).isEqualTo(61);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTheGoldenValue(String id, JsonNode c) {
        LossDefinition def = loss(c.get("loss").asText());
        Map<String, String> params = new LinkedHashMap<>();
        c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        List<Sample> samples = new ArrayList<>();
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode line : lines(c.get("file").asText())) {
            samples.add(sample(line));
            line.fieldNames().forEachRemaining(roles::add);
        }
        JsonNode args = c.path("args");
        int batchSize = args.size() == 2 ? Integer.parseInt(args.get(1).asText()) : 0;
        Reduction reduction = Reduction.valueOf(c.get("reduction").asText().toUpperCase(Locale.ROOT));
        double rtol = c.get("rtol").asDouble();
        double atol = c.get("atol").asDouble();

        LossRunner.Outcome got = LossRunner.run(def, params, samples, roles, reduction, batchSize,
                path -> vectorMap(read(path)));

        JsonNode expected = c.get("expected");
        if (expected.isArray()) {
            assertThat(got.values()).as(id).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertClose(id + "[" + i + "]", got.values()[i], expected.get(i).asDouble(), rtol, atol);
            }
        } else {
            assertClose(id, got.value(), expected.asDouble(), rtol, atol);
        }
        Iterator<Map.Entry<String, JsonNode>> details = c.path("details").fields();
        while (details.hasNext()) {
            Map.Entry<String, JsonNode> d = details.next();
            assertThat(got.tally().get(d.getKey())).as(id + " details." + d.getKey()).isEqualTo(d.getValue().asLong());
        }
    }

    private static void assertClose(String what, double got, double expected, double rtol, double atol) {
        assertThat(Math.abs(got - expected))
                .as("%s: got %s, expected %s", what, got, expected)
                .isLessThanOrEqualTo(atol + rtol * Math.abs(expected));
    }

    static LossDefinition loss(String id) {
        return MetricLosses.all().stream()
                .filter(l -> l.descriptor().id().equals(id) || l.descriptor().aliases().contains(id))
                .findFirst().orElse(null);
    }

    /** A JSON object as a sample: arrays of numbers are vectors, integers stay integers (labels "1"). */
    static Sample sample(JsonNode line) {
        List<Object> pairs = new ArrayList<>();
        line.fields().forEachRemaining(e -> {
            pairs.add(e.getKey());
            pairs.add(value(e.getValue()));
        });
        return Samples.of(pairs.toArray());
    }

    private static Object value(JsonNode v) {
        if (v.isArray()) {
            double[] a = new double[v.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = v.get(i).asDouble();
            }
            return a;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.asText();
    }

    static Map<String, double[]> vectorMap(JsonNode object) {
        Map<String, double[]> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), (double[]) value(e.getValue())));
        return map;
    }

    static JsonNode read(String name) {
        try (InputStream in = GoldenMetricTest.class.getResourceAsStream(FOLDER + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> lines(String name) {
        try (InputStream in = GoldenMetricTest.class.getResourceAsStream(FOLDER + name)) {
            List<JsonNode> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
