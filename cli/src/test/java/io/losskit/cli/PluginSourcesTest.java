package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where plugins come from: --plugin-dir before and after the command, LOSSKIT_PLUGIN_PATH, ~/.losskit/plugins. */
class PluginSourcesTest {

    @TempDir
    Path tmp;

    @Test
    void pluginDirBeforeAndAfterTheCommandBothCount() throws IOException {
        PluginLoaderTest.packJar(tmp.resolve("a"), "a.jar", "a", 1, "loss-a");
        PluginLoaderTest.packJar(tmp.resolve("b"), "b.jar", "b", 2, "loss-b");
        PluginLoaderTest.packJar(tmp.resolve("c"), "c.jar", "c", 3, "loss-c");
        Path csv = Files.writeString(tmp.resolve("x.csv"), "pred,target\n1,2\n");
        Cli.Run run = Cli.run("--plugin-dir", tmp.resolve("a").toString(), "score", "--plugin-dir", tmp.resolve("b").toString(),
                "-l", "loss-a,loss-b,loss-c", csv.toString(), "--plugin-dir=" + tmp.resolve("c"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("loss-a\t1.0\nloss-b\t2.0\nloss-c\t3.0\n");
    }

    @Test
    void helpAndVersionLoadNoPlugins() {
        Cli.Run run = Cli.run("--plugin-dir", tmp.resolve("missing").toString(), "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(Cli.run("--plugin-dir", tmp.resolve("missing").toString(), "list").exit()).isEqualTo(2);
    }

    @Test
    void theEnvironmentAndTheHomeDirectory() throws Exception {
        // each a directory of packs: one subdirectory per pack
        PluginLoaderTest.packJar(tmp.resolve("env1/e1"), "e1.jar", "e1", 1, "from-env1");
        PluginLoaderTest.packJar(tmp.resolve("env2/e2"), "e2.jar", "e2", 1, "from-env2");
        Path home = tmp.resolve("home");
        PluginLoaderTest.packJar(home.resolve(".losskit/plugins/h"), "h.jar", "h", 1, "from-home");
        Path stray = PluginLoaderTest.packJar(home.resolve(".losskit/plugins"), "stray.jar", "s", 1, "stray");
        Cli.Run run = Cli.runProcess(home, Map.of(PluginLoader.PATH_VARIABLE,
                tmp.resolve("env1") + java.io.File.pathSeparator + tmp.resolve("nowhere") + java.io.File.pathSeparator + tmp.resolve("env2")),
                "list", "-o", "json");
        String out = run.out();
        String err = run.err();
        assertThat(run.exit()).as(err).isZero();
        assertThat(out).contains("\"from-env1\"", "\"from-env2\"", "\"from-home\"", home.resolve(".losskit/plugins/h/h.jar").toString())
                .doesNotContain("\"stray\"");
        assertThat(err).isEqualTo("losskit: warning: LOSSKIT_PLUGIN_PATH: plugin directory " + tmp.resolve("nowhere")
                + ": no such directory\n"
                + "losskit: warning: ~/.losskit/plugins: " + stray + " is not in a pack, so it is not loaded: move it into a "
                + "directory of its own (" + home.resolve(".losskit/plugins/NAME/stray.jar") + ")\n");
    }
}
