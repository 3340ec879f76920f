package io.losskit.builtin.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.losskit.builtin.RecordingTally;
import io.losskit.builtin.TestSample;
import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossResult;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
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
 * file and that need no further command-line arguments, run through the loss definitions as the
 * engine will run them: per-sample losses reduced here, aggregate losses through their accumulator.
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
        List<TestSample> samples = samples(c.get("file").asText(), roles);
        List<String> params = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : c.get("params").properties()) {
            params.add(e.getKey());
            params.add(e.getValue().asText());
        }
        Loss loss = Losses.create(def, roles, params.toArray(String[]::new));
        Reduction reduction = Reduction.valueOf(c.get("reduction").asText().toUpperCase(Locale.ROOT));
        double rtol = c.get("rtol").asDouble();
        double atol = c.get("atol").asDouble();
        RecordingTally tally = new RecordingTally();
        Map<String, Long> details;
        if (loss instanceof PerSampleLoss p) {
            double[] values = new double[samples.size()];
            double[] weights = new double[samples.size()];
            for (int i = 0; i < values.length; i++) {
                TestSample s = samples.get(i);
                values[i] = p.loss(s, tally);
                weights[i] = s.has("weight") ? s.number("weight") : 1.0;
            }
            if (reduction == Reduction.NONE) {
                JsonNode expected = c.get("expected");
                assertThat(values).hasSize(expected.size());
                for (int i = 0; i < values.length; i++) {
                    assertClose(id + "[" + i + "]", values[i], number(expected.get(i)), rtol, atol);
                }
            } else {
                CompensatedSum num = new CompensatedSum();
                CompensatedSum den = new CompensatedSum();
                for (int i = 0; i < values.length; i++) {
                    num.add(weights[i] * values[i]);
                    den.add(weights[i]);
                }
                double got = reduction == Reduction.SUM ? num.value() : num.value() / den.value();
                assertClose(id, got, number(c.get("expected")), rtol, atol);
            }
            details = tally.counts;
        } else {
            assertThat(def.descriptor().reductions()).contains(reduction);
            Accumulator acc = ((AggregateLoss) loss).newAccumulator(reduction);
            for (TestSample s : samples) {
                acc.add(s, s.has("weight") ? s.number("weight") : 1.0);
            }
            LossResult r = acc.finish();
            if (reduction == Reduction.NONE) {
                JsonNode expected = c.get("expected");
                assertThat(r.values()).hasSize(expected.size());
                for (int i = 0; i < r.values().length; i++) {
                    assertClose(id + "[" + i + "]", r.values()[i], number(expected.get(i)), rtol, atol);
                }
            } else {
                assertClose(id, r.value(), number(c.get("expected")), rtol, atol);
            }
            assertThat(r.count()).isEqualTo(samples.size());
            details = r.details();
        }
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
    static List<TestSample> samples(String file, Set<String> roles) throws IOException {
        String text = new String(resource(file).readAllBytes(), StandardCharsets.UTF_8);
        List<TestSample> out = new ArrayList<>();
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
            out.add(TestSample.of(pairs.toArray()));
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
