package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Writing a plugin" builds, as written, into a pack that losskit loads and runs. */
class ReadmePluginGuideTest {

    @TempDir
    Path tmp;

    @Test
    void theGuidesCodeIsAWorkingPack() throws Exception {
        String guide = Readme.section("Writing a plugin");
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> resources = new LinkedHashMap<>();
        Readme.files(guide).forEach((path, text) -> {
            if (path.startsWith("src/main/java/")) {
                sources.put(path.substring("src/main/java/".length()).replaceFirst("\\.java$", "").replace('/', '.'), text);
            } else {
                resources.put(path.substring("src/main/resources/".length()), text);
            }
        });
        assertThat(sources).containsOnlyKeys("com.acme.losses.Smape");
        assertThat(resources).containsOnlyKeys(TestJars.SERVICES);

        Path dir = Files.createDirectories(tmp.resolve("target"));
        TestJars.build(sources, resources, dir.resolve("acme-losses-1.0.0.jar"));
        Cli.Run list = Cli.run("list", "--plugin-dir", dir.toString());
        assertThat(list.err()).isEmpty();
        assertThat(list.out()).containsPattern("\n  smape +target/acme-losses-1\\.0\\.0\\.jar +symmetric mean absolute percentage error");
        Path csv = Files.writeString(tmp.resolve("preds.csv"), "pred,target\n110,100\n0,0\n50,100\n");
        Cli.Run score = Cli.run("score", "-l", "smape", "-P", "smape.floor=1e-9", "--plugin-dir", dir.toString(), csv.toString());
        assertThat(score.exit()).as(score.err()).isZero();
        assertThat(Double.parseDouble(score.out().trim())).isCloseTo(SMAPE, org.assertj.core.api.Assertions.within(1e-12));

        // "for good": the guide's install line as written, run by a shell, then a plain losskit finds the pack
        Matcher install = Pattern.compile("\n(mkdir -p ~/\\.losskit/plugins/\\S+ && cp [^#\n]*?)\\s*#").matcher(guide);
        assertThat(install.find()).as("the guide's install line").isTrue();
        Path home = Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder sh = new ProcessBuilder("sh", "-c", install.group(1)).directory(tmp.toFile()).inheritIO();
        sh.environment().put("HOME", home.toString());
        assertThat(sh.start().waitFor()).isZero();
        Cli.Run installed = Cli.runProcess(home, Map.of(), "score", "-l", "smape", "-P", "smape.floor=1e-9", csv.toString());
        assertThat(installed.err()).isEmpty();
        assertThat(installed.exit()).isZero();
        assertThat(Double.parseDouble(installed.out().trim())).isCloseTo(SMAPE, org.assertj.core.api.Assertions.within(1e-12));
        Cli.Run listed = Cli.runProcess(home, Map.of(), "list");
        assertThat(listed.out()).containsPattern("\n  smape +acme/acme-losses-1\\.0\\.0\\.jar +symmetric mean");
    }

    /** The smape of preds.csv: (200·10/210 + 0 + 200·50/150) / 3. */
    private static final double SMAPE = (200.0 * 10 / 210 + 200.0 * 50 / 150) / 3;
}
