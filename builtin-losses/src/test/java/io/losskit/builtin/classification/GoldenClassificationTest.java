package io.losskit.builtin.classification;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * The golden classification cases (a verbatim copy of ../shared/golden/classification in the test
 * resources) whose input is a JSONL file without further arguments, run directly against the loss
 * classes with a test-only reducer. The CLI readers' cases (CSV, TSV, names, two files) are left to
 * the end-to-end golden harness.
 */
class GoldenClassificationTest {

    private static final String FOLDER = "/golden/classification/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException {
        JsonNode all = JSON.readTree(resource("cases.json"));
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : all) {
            if (c.path("file").asText("").endsWith(".jsonl") && c.path("args").isEmpty()) {
                out.add(Arguments.of(c.get("id").asText(), c));
            }
        }
        return out.stream();
    }

    @Test
    void theDirectCasesAreMostOfTheGoldenSet() throws IOException {
        // 176 cases, of which 12 exercise the CLI readers; the rest must all run here.
        assertThat(cases().count()).isEqualTo(164);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTheReference(String id, JsonNode c) throws IOException {
        LossDefinition definition = Harness.definition(c.get("loss").asText());
        List<Sample> samples = new ArrayList<>();
        Set<String> roles = new LinkedHashSet<>();
        readSamples(c.get("file").asText(), samples, roles);
        Reduction reduction = Reduction.valueOf(c.get("reduction").asText().toUpperCase(Locale.ROOT));
        assertThat(definition.descriptor().reductions()).contains(reduction);

        Loss loss = Harness.create(definition, params(c.get("params")), roles);
        LossResult result = Harness.run(loss, samples, reduction);

        double rtol = c.get("rtol").asDouble();
        double atol = c.get("atol").asDouble();
        JsonNode expected = c.get("expected");
        if (expected.isArray()) {
            assertThat(result.values()).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertClose(result.values()[i], number(expected.get(i)), rtol, atol, id + "[" + i + "]");
            }
        } else {
            assertClose(result.value(), number(expected), rtol, atol, id);
        }
    }

    static void assertClose(double got, double expected, double rtol, double atol, String what) {
        if (!Double.isFinite(expected)) {
            assertThat(got).as(what).isEqualTo(expected);
            return;
        }
        assertThat(Math.abs(got - expected)).as("%s: got %s, expected %s", what, got, expected)
                .isLessThanOrEqualTo(atol + rtol * Math.abs(expected));
    }

    private static double number(JsonNode n) {
        return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
    }

    private static Map<String, String> params(JsonNode params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                out.put(e.getKey(), String.join(",", parts));
            } else {
                out.put(e.getKey(), v.asText());
            }
        }
        return out;
    }

    private static void readSamples(String file, List<Sample> samples, Set<String> roles) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<Object> pairs = new ArrayList<>();
                for (Map.Entry<String, JsonNode> e : JSON.readTree(line).properties()) {
                    roles.add(e.getKey());
                    pairs.add(e.getKey());
                    pairs.add(value(e.getValue()));
                }
                samples.add(Samples.of(pairs.toArray()));
            }
        }
    }

    private static Object value(JsonNode v) {
        if (v.isArray()) {
            double[] a = new double[v.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = v.get(i).asDouble();
            }
            return a;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.asText();
    }

    private static InputStream resource(String name) {
        InputStream in = GoldenClassificationTest.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + FOLDER + name);
        }
        return in;
    }
}
