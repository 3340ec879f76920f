package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.cli.input.UsageError;
import io.losskit.spi.LossProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path tmp;

    /**
     * The source of a provider {@code pkg.Pack} with one per-sample loss per id (ℓ = |ŷ − y| · factor), which
     * fails unless its code runs with its own class loader as the thread's context class loader.
     */
    static String pack(String pkg, double factor, String... ids) {
        StringBuilder losses = new StringBuilder();
        for (String id : ids) {
            losses.append(losses.length() == 0 ? "" : ", ").append("loss(\"").append(id).append("\")");
        }
        return """
                package %s;
                import io.losskit.spi.*;
                import java.util.*;
                public final class Pack implements LossProvider {
                    static LossDefinition loss(String id) {
                        LossDescriptor d = LossDescriptor.builder(id, "test")
                                .summary("visible: " + Pack.visible() + "; parent: " + Pack.class.getClassLoader().getParent().getName()
                                        + "; context loader is the pack's in the constructor: " + ctor + ", in losses(): " + listed)
                                .roles(RoleSpec.required("pred", RoleKind.NUMBER, "p"), RoleSpec.required("target", RoleKind.NUMBER, "t"))
                                .build();
                        return new LossDefinition() {
                            public LossDescriptor descriptor() { return d; }
                            public Loss create(Parameters p, Set<String> r) {
                                if (!own()) {
                                    throw new IllegalStateException("create() runs with another context class loader");
                                }
                                return (PerSampleLoss) (s, t) -> {
                                    if (!own()) {
                                        throw new IllegalStateException("loss() runs with another context class loader");
                                    }
                                    return Math.abs(s.number("pred") - s.number("target")) * %s;
                                };
                            }
                        };
                    }
                    static boolean ctor;
                    static boolean listed;
                    public Pack() { ctor = own(); }
                    static boolean own() { return Thread.currentThread().getContextClassLoader() == Pack.class.getClassLoader(); }
                    /** Which of the CLI's own classes this plugin can see (it should see none). */
                    static String visible() {
                        List<String> seen = new ArrayList<>();
                        for (String c : List.of("picocli.CommandLine", "com.fasterxml.jackson.core.JsonFactory",
                                "io.losskit.builtin.BuiltinLosses", "io.losskit.cli.Main")) {
                            try {
                                Class.forName(c, false, Pack.class.getClassLoader());
                                seen.add(c);
                            } catch (ClassNotFoundException e) {
                                // not visible: as it should be
                            }
                        }
                        return seen.isEmpty() ? "none" : String.join(" ", seen);
                    }
                    public List<LossDefinition> losses() { listed = own(); return List.of(%s); }
                }
                """.formatted(pkg, factor, losses);
    }

    static Path packJar(Path dir, String name, String pkg, double factor, String... ids) throws IOException {
        Files.createDirectories(dir);
        return TestJars.build(Map.of(pkg + ".Pack", pack(pkg, factor, ids)), Map.of(TestJars.SERVICES, pkg + ".Pack\n"),
                dir.resolve(name));
    }


    /** A provider {@code pkg.Pack} whose constructor runs {@code ctor} and whose losses() runs {@code losses}, then lists none. */
    static Path providerJar(Path dir, String pkg, String ctor, String losses) throws IOException {
        Files.createDirectories(dir);
        String source = """
                package %s;
                import io.losskit.spi.*;
                import java.util.*;
                public final class Pack implements LossProvider {
                    public Pack() throws Exception { %s }
                    public List<LossDefinition> losses() { %s return List.of(); }
                }
                """.formatted(pkg, ctor, losses);
        return TestJars.build(Map.of(pkg + ".Pack", source), Map.of(TestJars.SERVICES, pkg + ".Pack\n"), dir.resolve(pkg + ".jar"));
    }

    private final List<String> reported = new ArrayList<>();

    private LossRegistry registry(List<PluginLoader.Directory> dirs, Duration timeout) {
        return LossRegistry.builtin().withPlugins(dirs, timeout, reported::add);
    }

    /** Every pack of {@code dirs}, loaded. */
    private LossRegistry load(List<PluginLoader.Directory> dirs) {
        LossRegistry registry = registry(dirs, PluginLoader.LOAD_TIMEOUT);
        registry.entries();
        return registry;
    }

    private static PluginLoader.Directory option(Path dir) {
        return new PluginLoader.Directory(dir, "--plugin-dir", PluginLoader.IfMissing.ERROR);
    }

    private static PluginLoader.Directory path(Path dir) {
        return new PluginLoader.Directory(dir, PluginLoader.PATH_VARIABLE, PluginLoader.IfMissing.WARN);
    }

    @Test
    void directoriesComeInOrderOptionsThenPathThenHome() {
        List<PluginLoader.Directory> dirs = PluginLoader.directories(List.of(Path.of("a"), Path.of("b")),
                "c" + java.io.File.pathSeparator + java.io.File.pathSeparator + "d", Path.of("/home/u"));
        assertThat(dirs).extracting(PluginLoader.Directory::path)
                .containsExactly(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"), Path.of("/home/u/.losskit/plugins"));
        assertThat(dirs).extracting(PluginLoader.Directory::ifMissing).containsExactly(PluginLoader.IfMissing.ERROR,
                PluginLoader.IfMissing.ERROR, PluginLoader.IfMissing.WARN, PluginLoader.IfMissing.WARN, PluginLoader.IfMissing.IGNORE);
        assertThat(PluginLoader.directories(List.of(), null, null)).isEmpty();
    }

    @Test
    void missingDirectories() throws IOException {
        Path missing = tmp.resolve("missing");
        assertThatThrownBy(() -> load(List.of(option(missing))))
                .isInstanceOf(UsageError.class).hasMessage("--plugin-dir " + missing + ": no such directory");
        Path file = Files.writeString(tmp.resolve("file.jar"), "x");
        assertThatThrownBy(() -> load(List.of(option(file)))).isInstanceOf(UsageError.class)
                .hasMessage("--plugin-dir " + file + ": not a directory (give the directory that holds the pack's jars)");
        assertThat(load(PluginLoader.directories(List.of(), missing.toString(), null)).problems())
                .containsExactly("LOSSKIT_PLUGIN_PATH: plugin directory " + missing + ": no such directory");
        assertThat(load(PluginLoader.directories(List.of(), null, tmp.resolve("home"))).problems()).isEmpty();
        assertThat(reported).containsExactly("LOSSKIT_PLUGIN_PATH: plugin directory " + missing + ": no such directory");
    }

    @Test
    void aPluginDirIsAPackNamedAfterItsDirectory() throws IOException {
        Path a = packJar(tmp.resolve("p"), "a.jar", "a", 1, "abs-a");
        Path b = packJar(tmp.resolve("p"), "b.jar", "b", 2, "abs-b", "abs-b2");
        LossRegistry registry = load(List.of(option(tmp.resolve("p"))));
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.find("abs-a").jar()).isEqualTo(a);
        assertThat(registry.find("abs-b2").jar()).isEqualTo(b);
        assertThat(registry.find("abs-b2").pack()).isEqualTo("p");
        assertThat(registry.find("abs-b2").id()).isEqualTo("p:abs-b2");
        assertThat(registry.find("abs-b2").describeOrigin()).isEqualTo("plugin pack p (" + b + ")");
        assertThat(registry.find("mse").builtIn()).isTrue();
        assertThat(registry.find("mse").describeOrigin()).isEqualTo(LossRegistry.BUILT_IN);
    }

    @Test
    void aDirectoryOfPacksHasOneClassLoaderPerPack() throws IOException {
        Path plugins = tmp.resolve("plugins");
        packJar(plugins.resolve("acme"), "acme.jar", "acme", 1, "acme-loss");
        // a library of acme's pack, beside it: visible to acme's classes
        TestJars.build(Map.of("dep.Util", "package dep; public final class Util { }"), Map.of(), plugins.resolve("acme/dep.jar"));
        packJar(plugins.resolve("beta"), "beta.jar", "beta", 2, "beta-loss");
        for (PluginLoader.Directory dir : List.of(option(plugins), path(plugins))) {
            LossRegistry registry = load(List.of(dir));
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.find("acme-loss").pack()).isEqualTo("acme");
            assertThat(registry.find("beta:beta-loss").pack()).isEqualTo("beta");
            assertThat(registry.find("beta-loss").descriptor().summary()).startsWith("visible: none; parent: losskit-spi;");
        }
    }

    @Test
    void layoutMistakesAreReported() throws IOException {
        Path plugins = tmp.resolve("plugins");
        Path flat = packJar(plugins, "flat.jar", "flat", 1, "flat-loss");
        Files.createDirectories(plugins.resolve("empty"));
        packJar(plugins.resolve("good"), "good.jar", "good", 1, "good-loss");
        Path other = packJar(tmp.resolve("elsewhere/good"), "again.jar", "again", 1, "again-loss").getParent();
        Path nothing = Files.createDirectories(tmp.resolve("nothing"));
        LossRegistry registry = load(List.of(path(plugins), option(other), option(nothing)));
        assertThat(registry.find("good-loss")).isNotNull();
        assertThat(registry.find("flat-loss")).isNull();
        assertThat(registry.find("again-loss")).isNull();
        assertThat(registry.problems()).containsExactly(
                "LOSSKIT_PLUGIN_PATH: " + flat + " is not in a pack, so it is not loaded: move it into a directory of its own ("
                        + plugins.resolve("NAME/flat.jar") + ")",
                "LOSSKIT_PLUGIN_PATH: plugin pack " + plugins.resolve("empty") + " holds no jar",
                "plugin pack good (" + other + ") is not loaded: the pack " + plugins.resolve("good") + " has the same name "
                        + "(rename one directory)",
                "--plugin-dir " + nothing + ": neither a pack (a directory of jars) nor a directory of packs "
                        + "(one subdirectory of jars per pack)");
    }

    @Test
    void theSpiOnlyLoaderRefusesEverythingElse() throws Exception {
        ClassLoader l = PluginLoader.SpiOnlyLoader.INSTANCE;
        assertThat(l.loadClass("io.losskit.spi.LossDescriptor$Builder")).isSameAs(io.losskit.spi.LossDescriptor.Builder.class);
        assertThat(l.loadClass("java.util.List")).isSameAs(List.class);
        for (String hidden : List.of("picocli.CommandLine", "io.losskit.cli.Main", "io.losskit.builtin.BuiltinLosses",
                "com.fasterxml.jackson.databind.ObjectMapper", "io.losskit.spi.sub.Thing")) {
            assertThatThrownBy(() -> l.loadClass(hidden)).as(hidden).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void thePacksOwnLoaderIsTheContextClassLoaderWhileItsCodeRuns() throws IOException {
        packJar(tmp.resolve("p"), "a.jar", "a", 1, "abs-a");
        LossRegistry registry = load(List.of(option(tmp.resolve("p"))));
        assertThat(registry.find("abs-a").descriptor().summary())
                .endsWith("context loader is the pack's in the constructor: true, in losses(): true");
        Path csv = Files.writeString(tmp.resolve("x.csv"), "pred,target\n1,3\n");
        // create() and loss() throw under any other context class loader
        Cli.Run run = Cli.run("score", "-l", "abs-a", "--plugin-dir", tmp.resolve("p").toString(), csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("2.0\n");
    }

    @Test
    void brokenJarsAndProvidersAreNamedWithTheCauseAndTheOthersStillLoad() throws IOException {
        Path dir = tmp.resolve("p");
        packJar(dir, "good.jar", "good", 1, "good-loss");
        Path garbage = Files.writeString(dir.resolve("garbage.jar"), "not a zip");
        Path typo = TestJars.build(Map.of("t.Pack", pack("t", 1, "typo-loss")), Map.of(TestJars.SERVICES, "t.Pak\n"),
                dir.resolve("typo.jar"));
        providerJar(dir, "f", "", "if (true) throw new IllegalStateException(\"boom in losses\");");
        Path ctor = providerJar(dir, "c", "if (true) throw new IllegalStateException(\"boom in the constructor\");", "");
        LossRegistry registry = load(List.of(option(dir)));
        assertThat(registry.find("good-loss")).isNotNull();
        assertThat(registry.find("mse")).isNotNull();
        assertThat(registry.problems()).containsExactlyInAnyOrder(
                "plugin jar " + garbage + " cannot be read: zip END header not found",
                "plugin pack p (" + dir + "): a loss provider of " + typo + " cannot be loaded: Provider t.Pak not found",
                "plugin pack p (" + dir + "): f.Pack.losses() failed: boom in losses",
                "plugin pack p (" + dir + "): a loss provider of " + ctor + " cannot be loaded: Provider c.Pack could not be "
                        + "instantiated: IllegalStateException: boom in the constructor");
    }

    @Test
    void aProviderBuiltForAnotherSpiMajorIsSkippedByName() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("p"));
        String declares = "public List<LossDefinition> losses()";
        // As javac compiles `return SPI_VERSION;` against a newer SPI: the number is in the class.
        String newer = pack("n", 1, "next-loss").replace(declares,
                "public int spiVersion() { return " + (LossProvider.SPI_VERSION + 1) + "; }\n"
                        + "public String name() { return \"acme-next\"; }\n" + declares);
        Path next = TestJars.build(Map.of("n.Pack", newer), Map.of(TestJars.SERVICES, "n.Pack\n"), dir.resolve("next.jar"));
        String current = pack("c", 1, "current-loss").replace(declares,
                "public int spiVersion() { return SPI_VERSION; }\n" + declares);
        TestJars.build(Map.of("c.Pack", current), Map.of(TestJars.SERVICES, "c.Pack\n"), dir.resolve("current.jar"));
        packJar(dir, "silent.jar", "s", 1, "silent-loss");
        LossRegistry registry = load(List.of(option(dir)));
        assertThat(registry.find("next-loss")).isNull();
        assertThat(registry.find("current-loss")).isNotNull();
        assertThat(registry.find("silent-loss")).isNotNull();
        assertThat(registry.problems()).containsExactly("plugin pack p (" + dir + "): skipped acme-next (" + next
                + "): it is built for losskit SPI " + (LossProvider.SPI_VERSION + 1) + ", this losskit has SPI "
                + LossProvider.SPI_VERSION + " (a newer losskit runs it)");
    }

    @Test
    @Timeout(60)
    void aPackThatDoesNotFinishLoadingIsSkippedWithinTheBound() throws IOException {
        Path plugins = tmp.resolve("plugins");
        providerJar(plugins.resolve("sleepy"), "s", "Thread.sleep(600_000);", "");
        providerJar(plugins.resolve("loopy"), "l", "", "while (!Thread.currentThread().isInterrupted()) { Thread.onSpinWait(); }");
        packJar(plugins.resolve("good"), "good.jar", "good", 1, "good-loss");
        LossRegistry registry = registry(List.of(path(plugins)), Duration.ofMillis(300));
        assertThat(registry.find("good-loss").pack()).isEqualTo("good");
        assertThat(registry.find("mse").builtIn()).isTrue();
        assertThat(registry.problems()).containsExactly(
                "plugin pack loopy (" + plugins.resolve("loopy") + ") is not loaded: it took longer than 0.3 s "
                        + "(a provider's constructor or losses() did not return)",
                "plugin pack sleepy (" + plugins.resolve("sleepy") + ") is not loaded: it took longer than 0.3 s "
                        + "(a provider's constructor or losses() did not return)");
    }

    @Test
    void aBuiltInKeepsItsIdAndPluginsAreReachedAsPackColonId() throws IOException {
        Path plugins = tmp.resolve("plugins");
        packJar(plugins.resolve("acme"), "acme.jar", "acme", 3, "mse", "acme-only");
        packJar(plugins.resolve("one"), "one.jar", "one", 1, "shared");
        packJar(plugins.resolve("two"), "two.jar", "two", 2, "shared");
        LossRegistry registry = load(List.of(option(plugins)));
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.find("mse").builtIn()).isTrue();
        assertThat(registry.find("built-in:mse").builtIn()).isTrue();
        LossRegistry.Entry acmeMse = registry.find("acme:mse");
        assertThat(acmeMse.pack()).isEqualTo("acme");
        assertThat(registry.name(acmeMse)).isEqualTo("acme:mse");
        assertThat(registry.name(registry.find("acme-only"))).isEqualTo("acme-only");
        assertThat(registry.find("one:shared").pack()).isEqualTo("one");
        assertThat(registry.find("two:shared").pack()).isEqualTo("two");
        assertThatThrownBy(() -> registry.find("three:shared")).isInstanceOf(UsageError.class)
                .hasMessage("unknown loss \"three:shared\": no plugin pack is named \"three\" (the packs: acme, one, two; "
                        + "see losskit list)");
        assertThatThrownBy(() -> registry.find("acme:shared")).isInstanceOf(UsageError.class)
                .hasMessage("unknown loss \"acme:shared\": the plugin pack acme has only mse, acme-only (see losskit list)");
        assertThatThrownBy(() -> registry.find("shared")).isInstanceOf(UsageError.class)
                .hasMessage("the loss id \"shared\" is defined by several plugin packs, so it selects none: one:shared from plugin "
                        + "pack one (" + plugins.resolve("one/one.jar") + ") and two:shared from plugin pack two ("
                        + plugins.resolve("two/two.jar") + "); select one as PACK:ID");
        assertThat(registry.names()).contains("mse", "acme:mse", "acme-only", "acme:acme-only", "one:shared", "two:shared")
                .doesNotContain("shared").isSorted();
    }

    @Test
    void aDirectoryGivenTwiceIsReadOnce() throws IOException {
        packJar(tmp.resolve("p"), "a.jar", "a", 1, "abs-a");
        LossRegistry registry = load(List.of(option(tmp.resolve("p")), option(tmp.resolve("p/../p"))));
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.find("abs-a")).isNotNull();
    }

    /**
     * Three packs in {@code plugins} that a run would notice: one whose provider creates the
     * returned marker file, one whose only jar is broken, one whose provider never returns.
     */
    private Path troublePacks(Path plugins) throws IOException {
        Path marker = tmp.resolve("loaded");
        providerJar(plugins.resolve("noisy"), "n",
                "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"), \"x\");", "");
        Files.writeString(Files.createDirectories(plugins.resolve("broken")).resolve("broken.jar"), "not a zip");
        providerJar(plugins.resolve("sleepy"), "s", "Thread.sleep(600_000);", "");
        return marker;
    }

    @Test
    @Timeout(60)
    void packsAreLoadedOnlyWhenANameNeedsThem() throws IOException {
        Path plugins = tmp.resolve("plugins");
        Path marker = troublePacks(plugins);
        packJar(plugins.resolve("good"), "good.jar", "good", 1, "good-loss");
        LossRegistry registry = registry(List.of(path(plugins)), Duration.ofMillis(300));
        assertThat(registry.find("mse").builtIn()).isTrue();
        assertThat(registry.find("good:good-loss").pack()).isEqualTo("good");
        assertThat(reported).isEmpty();
        assertThat(marker).doesNotExist();
        assertThat(registry.find("no-such-loss")).isNull();
        assertThat(reported).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("plugin jar " + plugins.resolve("broken/broken.jar")))
                .anySatisfy(p -> assertThat(p).startsWith("plugin pack sleepy"));
        assertThat(marker).exists();
    }

    @Test
    @Timeout(60)
    void aBrokenOrHangingPluginDirectoryDoesNotDisturbABuiltInScore() throws IOException {
        Path plugins = tmp.resolve("plugins");
        Path marker = troublePacks(plugins);
        Files.writeString(plugins.resolve("stray.jar"), "not a zip");
        Path csv = Files.writeString(tmp.resolve("x.csv"), "pred,target\n1,3\n2,2\n");
        Cli.Run run = Cli.run("score", "-l", "mse", "--plugin-dir", plugins.toString(), csv.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("2.0\n");
        assertThat(marker).doesNotExist();
    }
}
