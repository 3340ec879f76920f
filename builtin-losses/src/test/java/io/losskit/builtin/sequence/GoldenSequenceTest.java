package io.losskit.builtin.sequence;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import io.losskit.testkit.LossHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden sequence cases (a verbatim copy of ../shared/golden/sequence) whose input is a JSONL
 * file and that need no further command-line arguments, run through the evaluation kernel
 * as the engine runs them.
 */
class GoldenSequenceTest {

    private static final String DIR = "/golden/sequence/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException {
        JsonNode all = JSON.readTree(resource("cases.json"));
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : all) {
            String file = c.path("file").asText("");
            if (file.endsWith(".jsonl") && c.path("args").isEmpty() && !c.has("expect_exit")) {
                out.add(Arguments.of(c.get("id").asText(), c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithGolden(String id, JsonNode c) throws IOException {
        LossDefinition def = definition(c.get("loss").asText());
        Set<String> roles = new LinkedHashSet<>();
        List<Sample> samples = samples(c.get("file").asText(), roles);
        List<String> params = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : c.get("params").properties()) {
            params.add(e.getKey());
            params.add(e.getValue().asText());
        }
        Reduction reduction = Reduction.valueOf(c.get("reduction").asText().toUpperCase(Locale.ROOT));
        assertThat(def.descriptor().reductions()).contains(reduction);
        double rtol = c.get("rtol").asDouble();
        double atol = c.get("atol").asDouble();
        LossResult r = LossHarness.run(def, LossHarness.params(params.toArray(String[]::new)), roles, reduction, 0,
                samples).result();
        JsonNode expected = c.get("expected");
        if (reduction == Reduction.NONE) {
            assertThat(r.values()).hasSize(expected.size());
            for (int i = 0; i < r.values().length; i++) {
                assertClose(id + "[" + i + "]", r.values()[i], number(expected.get(i)), rtol, atol);
            }
        } else {
            assertClose(id, r.value(), number(expected), rtol, atol);
        }
        assertThat(r.count()).isEqualTo(samples.size());
        Map<String, Long> details = r.details();
        if (c.has("details")) {
            for (Map.Entry<String, JsonNode> e : c.get("details").properties()) {
                assertThat(details.get(e.getKey())).as(id + " details." + e.getKey()).isEqualTo(e.getValue().asLong());
            }
        }
    }

    private static void assertClose(String what, double got, double expected, double rtol, double atol) {
        if (Double.isInfinite(expected) || Double.isNaN(expected)) {
            assertThat(got).as(what).isEqualTo(expected);
        } else {
            assertThat(Math.abs(got - expected)).as(what + ": got " + got + ", expected " + expected)
                    .isLessThanOrEqualTo(atol + rtol * Math.abs(expected));
        }
    }

    private static double number(JsonNode n) {
        return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
    }

    static LossDefinition definition(String id) {
        return SequenceLosses.all().stream()
                .filter(d -> d.descriptor().id().equals(id) || d.descriptor().aliases().contains(id))
                .findFirst().orElseThrow(() -> new AssertionError("no loss " + id));
    }

    /** The file's samples; the names of their fields are added to {@code roles}. */
    static List<Sample> samples(String file, Set<String> roles) throws IOException {
        String text = new String(resource(file).readAllBytes(), StandardCharsets.UTF_8);
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            List<Object> pairs = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : row.properties()) {
                roles.add(e.getKey());
                pairs.add(e.getKey());
                pairs.add(value(e.getValue()));
            }
            out.add(Samples.of(pairs.toArray()));
        }
        return out;
    }

    private static Object value(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isArray() && v.size() > 0 && v.get(0).isArray()) {
            double[][] m = new double[v.size()][];
            for (int i = 0; i < m.length; i++) {
                m[i] = new double[v.get(i).size()];
                for (int j = 0; j < m[i].length; j++) {
                    m[i][j] = v.get(i).get(j).asDouble();
                }
            }
            return m;
        }
        if (v.isArray() && (v.size() == 0 || v.get(0).isIntegralNumber())) {
            int[] s = new int[v.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = v.get(i).asInt();
            }
            return s;
        }
        if (v.isArray()) {
            String[] t = new String[v.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = v.get(i).asText();
            }
            return t;
        }
        throw new IllegalArgumentException("unexpected value " + v);
    }

    private static InputStream resource(String name) {
        InputStream in = GoldenSequenceTest.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("missing test resource " + DIR + name));
        }
        return in;
    }
}
