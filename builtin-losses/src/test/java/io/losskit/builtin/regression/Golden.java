package io.losskit.builtin.regression;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the golden vectors copied into {@code src/test/resources/golden/} (see SOURCE.md there):
 * {@code cases.json} and the JSONL inputs of the cases a loss can be run on directly.
 */
final class Golden {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    /** One case of {@code cases.json}, with its folder. */
    record Case(String folder, JsonNode node) {
        String id() {
            return node.get("id").asText();
        }

        String loss() {
            return node.get("loss").asText();
        }

        String file() {
            JsonNode f = node.get("file");
            return f == null || f.isNull() ? null : f.asText();
        }

        String reduction() {
            return node.get("reduction").asText();
        }

        /** Whether the input is one JSONL file and the case needs no further command-line arguments. */
        boolean isPlainJsonl() {
            JsonNode args = node.get("args");
            JsonNode paramFiles = node.get("param_files");
            return file() != null && file().endsWith(".jsonl") && (args == null || args.isEmpty())
                    && (paramFiles == null || paramFiles.isEmpty());
        }

        /** The parameters as the command line would type them. */
        Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.get("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            return params;
        }

        @Override
        public String toString() {
            return folder + "/" + id();
        }
    }

    /** Every case of {@code golden/<folder>/cases.json}. */
    static List<Case> cases(String folder) {
        try (InputStream in = open(folder + "/cases.json")) {
            List<Case> cases = new ArrayList<>();
            for (JsonNode n : JSON.readTree(in)) {
                cases.add(new Case(folder, n));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The samples of a JSONL file whose fields are all numbers or arrays of numbers; empty when a
     * line does not parse or holds anything else, or when the file does not exist (such cases
     * exercise the CLI's readers, not the losses).
     */
    static Optional<List<Sample>> numericSamples(String folder, String file) {
        if (Golden.class.getResource("/golden/" + folder + "/" + file) == null) {
            return Optional.empty();
        }
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(folder + "/" + file),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode obj;
                try {
                    obj = JSON.readTree(line);
                } catch (IOException malformed) {
                    return Optional.empty();
                }
                List<Object> pairs = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Object value = numeric(e.getValue());
                    if (value == null) {
                        return Optional.empty();
                    }
                    pairs.add(e.getKey());
                    pairs.add(value);
                }
                samples.add(Samples.of(pairs.toArray()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(samples);
    }

    private static Object numeric(JsonNode v) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            double[] a = new double[v.size()];
            for (int i = 0; i < a.length; i++) {
                if (!v.get(i).isNumber()) {
                    return null;
                }
                a[i] = v.get(i).doubleValue();
            }
            return a;
        }
        return null;
    }

    /** A golden number: a JSON number, or "Infinity", "-Infinity", "NaN". */
    static double number(JsonNode v) {
        return v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText());
    }

    private static InputStream open(String path) {
        InputStream in = Golden.class.getResourceAsStream("/golden/" + path);
        if (in == null) {
            throw new IllegalStateException("missing test resource golden/" + path);
        }
        return in;
    }
}
