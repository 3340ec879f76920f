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
        String readme = Files.readString(Path.of("../README.md"));
        String guide = readme.substring(readme.indexOf("## Writing a plugin"));
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> resources = new LinkedHashMap<>();
        Matcher block = Pattern.compile("```\\w*\\n((//|#) src/main/(java|resources)/(\\S+)\\n)(.*?)```", Pattern.DOTALL).matcher(guide);
        while (block.find()) {
            String path = block.group(4);
            if (block.group(3).equals("java")) {
                sources.put(path.replaceFirst("\\.java$", "").replace('/', '.'), block.group(5));
            } else {
                resources.put(path, block.group(5));
            }
        }
        assertThat(sources).containsOnlyKeys("com.acme.losses.Smape", "com.acme.losses.AcmeLosses");
        assertThat(resources).containsOnlyKeys(TestJars.SERVICES);

        Path dir = Files.createDirectories(tmp.resolve("target"));
        TestJars.build(sources, resources, dir.resolve("acme-losses-1.0.0.jar"));
        Cli.Run list = Cli.run("list", "--plugin-dir", dir.toString());
        assertThat(list.err()).isEmpty();
        assertThat(list.out()).containsPattern("\n  smape +acme-losses-1\\.0\\.0\\.jar +symmetric mean absolute percentage error");
        Path csv = Files.writeString(tmp.resolve("preds.csv"), "pred,target\n110,100\n0,0\n50,100\n");
        Cli.Run score = Cli.run("score", "-l", "smape", "-P", "smape.floor=1e-9", "--plugin-dir", dir.toString(), csv.toString());
        assertThat(score.exit()).as(score.err()).isZero();
        // (200·10/210 + 0 + 200·50/150) / 3
        assertThat(Double.parseDouble(score.out().trim())).isCloseTo((200.0 * 10 / 210 + 200.0 * 50 / 150) / 3,
                org.assertj.core.api.Assertions.within(1e-12));
    }
}
