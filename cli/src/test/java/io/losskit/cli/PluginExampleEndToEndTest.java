package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example pack of {@code plugins-example/}, built into a jar from its own sources and service
 * file, and used through {@code --plugin-dir} by {@code list}, {@code describe} and {@code score}:
 * a typo in its service file or a class it forgot fails here.
 */
class PluginExampleEndToEndTest {

    static final Path EXAMPLE = Path.of("../plugins-example/src/main");

    @TempDir
    static Path tmp;

    static Path plugins;

    @BeforeAll
    static void buildTheJar() throws IOException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.build(EXAMPLE.resolve("java"), EXAMPLE.resolve("resources"), plugins.resolve("example-losses.jar"));
    }

    @Test
    void listShowsWhereEachLossComesFrom() throws IOException {
        Cli.Run run = Cli.run("--plugin-dir", plugins.toString(), "list", "-o", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode list = new ObjectMapper().readTree(run.out());
        String jar = plugins.resolve("example-losses.jar").toString();
        assertThat(origin(list, "asymmetric-cost")).isEqualTo(jar);
        assertThat(origin(list, "ece")).isEqualTo(jar);
        assertThat(origin(list, "mse")).isEqualTo("built-in");

        Cli.Run text = Cli.run("list", "--plugin-dir", plugins.toString());
        assertThat(text.out()).contains("CALIBRATION\n").containsPattern("\n  ece +plugins/example-losses\\.jar +expected calibration error")
                .containsPattern("\n  mse +built-in +mean squared error");
    }

    private static String origin(JsonNode list, String id) {
        for (JsonNode loss : list) {
            if (loss.get("id").asText().equals(id)) {
                return loss.get("origin").asText();
            }
        }
        throw new AssertionError("no " + id + " in " + list);
    }

    @Test
    void describeShowsTheDescriptor() {
        Cli.Run run = Cli.run("describe", "--plugin-dir", plugins.toString(), "expected-calibration-error");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ece (also expected-calibration-error) — expected calibration error")
                .contains("(from plugin pack plugins (" + plugins.resolve("example-losses.jar") + "))")
                .contains("bins          int, default 15 in [1, 100000]")
                .contains("reductions  mean\n");
    }

    @Test
    void scoresAPerSampleLoss() throws IOException {
        // |d| = 2 short and 1 over, k = 3: (3·2 + 1)/2 = 3.5
        Path csv = Files.writeString(tmp.resolve("forecast.csv"), "pred,target\n3,5\n4,3\n");
        Cli.Run run = Cli.run("--plugin-dir", plugins.toString(), "score", "-l", "asymmetric-cost,mse", "-P", "k=3", csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("asymmetric-cost\t3.5\nmse\t2.5\n");
    }

    @Test
    void scoresAnAggregateLoss() throws IOException {
        // The binary case of the pack's own test: 5 bins, ECE = 2.02/6; a gate on it.
        Path csv = Files.writeString(tmp.resolve("probs.csv"),
                "pred,target\n0.1,0\n0.4,0\n0.35,1\n0.8,1\n0.95,1\n0.62,0\n");
        Cli.Run run = Cli.run("--plugin-dir", plugins.toString(), "score", "-l", "ece", "-P", "bins=5", "-o", "json",
                "--max", "ece=0.3", csv.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        JsonNode result = new ObjectMapper().readTree(run.out()).get("results").get(0);
        assertThat(result.get("value").asDouble()).isCloseTo(2.02 / 6, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(result.get("details").get("empty-bins").asLong()).isZero();
        assertThat(run.err()).contains("gate failed");
    }

    @Test
    void withoutThePluginDirTheLossesAreUnknown() {
        Cli.Run run = Cli.run("score", "-l", "ece", "x.csv");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("unknown loss \"ece\"");
    }

    @Test
    void anIdTwoPacksClaimIsReachedOnlyAsPackColonId() throws IOException {
        Path clash = Files.createDirectories(tmp.resolve("clash"));
        Path jar = PluginLoaderTest.packJar(clash, "clash.jar", "c", 1, "ece", "other");
        Path csv = Files.writeString(tmp.resolve("c.csv"), "pred,target\n0.5,1\n");
        Cli.Run run = Cli.run("--plugin-dir", plugins.toString(), "--plugin-dir", clash.toString(), "score", "-l", "ece", csv.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("\"ece\" is defined by several plugin packs")
                .contains("plugins:ece from plugin pack plugins (" + plugins.resolve("example-losses.jar") + ")")
                .contains("clash:ece from plugin pack clash (" + jar + ")");
        Cli.Run others = Cli.run("--plugin-dir", plugins.toString(), "--plugin-dir", clash.toString(), "score",
                "-l", "other,asymmetric-cost", csv.toString());
        assertThat(others.exit()).as(others.err()).isZero();
        assertThat(others.err()).isEmpty();
        assertThat(others.out()).isEqualTo("other\t0.5\nasymmetric-cost\t1.0\n");
        Cli.Run qualified = Cli.run("--plugin-dir", plugins.toString(), "--plugin-dir", clash.toString(), "score",
                "-l", "clash:ece", csv.toString());
        assertThat(qualified.exit()).as(qualified.err()).isZero();
        assertThat(qualified.out()).isEqualTo("0.5\n");   // clash's loss is |ŷ − y|
        Cli.Run list = Cli.run("--plugin-dir", plugins.toString(), "--plugin-dir", clash.toString(), "list");
        assertThat(list.out()).containsPattern("\n  plugins:ece +plugins/example-losses\\.jar +expected calibration error")
                .containsPattern("\n  clash:ece +clash/clash\\.jar ").containsPattern("\n  other +clash/clash\\.jar ");
        Cli.Run describe = Cli.run("--plugin-dir", plugins.toString(), "--plugin-dir", clash.toString(), "describe", "plugins:ece");
        assertThat(describe.exit()).as(describe.err()).isZero();
        assertThat(describe.out()).startsWith("plugins:ece (also expected-calibration-error) — expected calibration error")
                .contains("Parameters (-P plugins:ece.KEY=VALUE):");
    }
}
