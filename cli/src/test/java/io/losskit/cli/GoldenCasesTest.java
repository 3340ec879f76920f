package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case (see golden/SOURCE.md) through the command line, exactly as a user would run
 * it: {@code score -l LOSS -P LOSS.KEY=VALUE … --reduction R -o json [args] FILE}.
 */
class GoldenCasesTest {

    static final Path GOLDEN = Path.of("../builtin-losses/src/test/resources/golden");
    /** The project's own cases, run the same way (see its SOURCE.md). */
    static final Path PROJECT_GOLDEN = Path.of("../builtin-losses/src/test/resources/project-golden");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (Path root : List.of(GOLDEN, PROJECT_GOLDEN)) {
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    for (JsonNode c : JSON.readTree(dir.resolve("cases.json").toFile())) {
                        all.add(Arguments.of(Named.of(dir.getFileName() + "/" + c.get("id").asText(), c), dir));
                    }
                }
            }
        }
        return all.stream();
    }

    static List<String> args(JsonNode c, Path dir) {
        List<String> args = new ArrayList<>(List.of("score", "-l", c.get("loss").asText()));
        JsonNode files = c.path("param_files");
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String value = p.getValue().isArray() ? join(p.getValue()) : p.getValue().asText();
            if (files.has(p.getKey())) {
                value = dir.resolve(value).toString();
            }
            args.add("-P");
            args.add(c.get("loss").asText() + "." + p.getKey() + "=" + value);
        }
        args.addAll(List.of("--reduction", c.get("reduction").asText(), "-o", "json"));
        for (JsonNode a : c.path("args")) {
            String word = a.asText();
            args.add(Files.isRegularFile(dir.resolve(word)) ? dir.resolve(word).toString() : word);
        }
        if (!c.path("file").isNull() && c.has("file")) {
            args.add(dir.resolve(c.get("file").asText()).toString());
        }
        return args;
    }

    private static String join(JsonNode list) {
        List<String> parts = new ArrayList<>();
        list.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agrees(JsonNode c, Path dir) throws IOException {
        List<String> args = args(c, dir);
        Cli.Run run = Cli.run(args.toArray(new String[0]));
        String context = String.join(" ", args) + "\nstdout: " + run.out() + "\nstderr: " + run.err();
        if (c.has("expect_exit")) {
            assertThat(run.exit()).as(context).isEqualTo(c.get("expect_exit").asInt());
            assertThat(run.err()).as(context).doesNotContain("Exception").doesNotContain("\tat ");
            JsonNode where = c.path("expect_message");
            if (where.isObject()) {
                String err = run.err();
                if (!where.path("file").isNull()) {
                    assertThat(err).as(context).contains(where.get("file").asText());
                }
                if (!where.path("line").isNull()) {
                    assertThat(err).as(context).contains("line " + where.get("line").asInt());
                }
                if (!where.path("record").isNull()) {
                    assertThat(err).as(context).contains("record " + where.get("record").asInt());
                }
                if (!where.path("column").isNull()) {
                    assertThat(err).as(context).contains("\"" + where.get("column").asText() + "\"");
                }
            }
            return;
        }
        assertThat(run.exit()).as(context).isZero();
        JsonNode result = JSON.readTree(run.out()).get("results").get(0);
        double rtol = c.path("rtol").asDouble(1e-9);
        double atol = c.path("atol").asDouble(1e-12);
        JsonNode expected = c.get("expected");
        if (expected.isArray()) {
            JsonNode values = result.get("values");
            assertThat(values).as(context).isNotNull();
            assertThat(values.size()).as(context).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                close(values.get(i), expected.get(i), rtol, atol, context + "\nvalue " + i);
            }
        } else {
            close(result.get("value"), expected, rtol, atol, context);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("details").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            assertThat(result.path("details").path(d.getKey()).asLong(-1)).as(context + "\ndetail " + d.getKey())
                    .isEqualTo(d.getValue().asLong());
        }
        if (c.has("skipped")) {
            assertThat(JSON.readTree(run.out()).get("skipped").asLong()).as(context).isEqualTo(c.get("skipped").asLong());
        }
    }

    private static double number(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
    }

    private static void close(JsonNode got, JsonNode expected, double rtol, double atol, String context) {
        assertThat(got).as(context).isNotNull();
        double g = number(got);
        double e = number(expected);
        if (!Double.isFinite(e)) {
            assertThat(g).as(context).isEqualTo(e);
            return;
        }
        if (!(Math.abs(g - e) <= atol + rtol * Math.abs(e))) {
            fail("%s%ngot %s, expected %s (|diff| %s > %s)", context, g, e, Math.abs(g - e), atol + rtol * Math.abs(e));
        }
    }
}
