package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.spi.LossProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path tmp;

    /** The source of a provider {@code pkg.Pack} with one per-sample loss per id (ℓ = |ŷ − y| · factor). */
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
                                .summary("visible: " + Pack.visible())
                                .roles(RoleSpec.required("pred", RoleKind.NUMBER, "p"), RoleSpec.required("target", RoleKind.NUMBER, "t"))
                                .build();
                        return new LossDefinition() {
                            public LossDescriptor descriptor() { return d; }
                            public Loss create(Parameters p, Set<String> r) {
                                return (PerSampleLoss) (s, t) -> Math.abs(s.number("pred") - s.number("target")) * %s;
                            }
                        };
                    }
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
                    public List<LossDefinition> losses() { return List.of(%s); }
                }
                """.formatted(pkg, factor, losses);
    }

    static Path packJar(Path dir, String name, String pkg, double factor, String... ids) throws IOException {
        Files.createDirectories(dir);
        return TestJars.build(Map.of(pkg + ".Pack", pack(pkg, factor, ids)), Map.of(TestJars.SERVICES, pkg + ".Pack\n"),
                dir.resolve(name));
    }

    private static LossRegistry load(List<PluginLoader.Directory> dirs) {
        LossRegistry registry = LossRegistry.builtin().copy();
        PluginLoader.load(registry, dirs);
        return registry;
    }

    private static PluginLoader.Directory option(Path dir) {
        return new PluginLoader.Directory(dir, "--plugin-dir", PluginLoader.IfMissing.ERROR);
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
    void missingDirectories() {
        Path missing = tmp.resolve("missing");
        assertThatThrownBy(() -> load(List.of(option(missing))))
                .isInstanceOf(UsageError.class).hasMessage("--plugin-dir " + missing + ": no such directory");
        LossRegistry fromPath = load(PluginLoader.directories(List.of(), missing.toString(), null));
        assertThat(fromPath.problems()).containsExactly("LOSSKIT_PLUGIN_PATH: plugin directory " + missing + ": no such directory");
        assertThat(load(PluginLoader.directories(List.of(), null, tmp)).problems()).isEmpty();
    }

    @Test
    void loadsEachJarWithItsOrigin() throws IOException {
        Path a = packJar(tmp.resolve("p"), "a.jar", "a", 1, "abs-a");
        Path b = packJar(tmp.resolve("p"), "b.jar", "b", 2, "abs-b", "abs-b2");
        LossRegistry registry = load(List.of(option(tmp.resolve("p"))));
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.find("abs-a").origin()).isEqualTo(a.toString());
        assertThat(registry.find("abs-b2").origin()).isEqualTo(b.toString());
        assertThat(registry.find("mse").origin()).isEqualTo(LossRegistry.BUILT_IN);
    }

    @Test
    void aPluginSeesTheSpiAndTheJdkOnly() throws Exception {
        packJar(tmp, "a.jar", "a", 1, "abs-a");
        LossRegistry registry = load(List.of(option(tmp)));
        assertThat(registry.find("abs-a").descriptor().summary()).isEqualTo("visible: none");
        // and the SPI it sees is the CLI's own, or its losses could not be used at all
        ClassLoader loader = registry.find("abs-a").definition().getClass().getClassLoader();
        assertThat(Class.forName(LossProvider.class.getName(), false, loader)).isSameAs(LossProvider.class);
        assertThat(loader.getParent()).isSameAs(PluginLoader.SpiOnlyLoader.INSTANCE);
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
    void aBrokenJarIsNamedAndTheOthersStillLoad() throws IOException {
        Path dir = tmp.resolve("p");
        packJar(dir, "good.jar", "good", 1, "good-loss");
        Path garbage = Files.writeString(dir.resolve("garbage.jar"), "not a zip");
        Path typo = TestJars.build(Map.of("t.Pack", pack("t", 1, "typo-loss")), Map.of(TestJars.SERVICES, "t.Pak\n"),
                dir.resolve("typo.jar"));
        String failing = """
                package f;
                import io.losskit.spi.*;
                import java.util.*;
                public final class Pack implements LossProvider {
                    public List<LossDefinition> losses() { throw new IllegalStateException("boom"); }
                }
                """;
        Path boom = TestJars.build(Map.of("f.Pack", failing), Map.of(TestJars.SERVICES, "f.Pack\n"), dir.resolve("boom.jar"));
        LossRegistry registry = load(List.of(option(dir)));
        assertThat(registry.find("good-loss")).isNotNull();
        assertThat(registry.find("mse")).isNotNull();
        assertThat(registry.problems()).hasSize(3);
        assertThat(registry.problems()).anySatisfy(p -> assertThat(p).startsWith(garbage + ": cannot read the jar"));
        assertThat(registry.problems()).anySatisfy(p -> assertThat(p).startsWith(typo + ": cannot load a loss provider")
                .contains("t.Pak"));
        assertThat(registry.problems()).anySatisfy(p -> assertThat(p).startsWith(boom + ": f.Pack.losses() failed")
                .contains("boom"));
    }

    @Test
    void aJarWithoutAServiceFileIsOnlyADependency() throws IOException {
        Path dir = tmp.resolve("p");
        packJar(dir, "good.jar", "good", 1, "good-loss");
        TestJars.build(Map.of("dep.Util", "package dep; public final class Util { }"), Map.of(), dir.resolve("dep.jar"));
        assertThat(load(List.of(option(dir))).problems()).isEmpty();
        Path lonely = tmp.resolve("lonely");
        TestJars.build(Map.of("dep.Util", "package dep; public final class Util { }"), Map.of(),
                Files.createDirectories(lonely).resolve("dep.jar"));
        assertThat(load(List.of(option(lonely))).problems()).singleElement().asString().contains("no jar in it provides losses");
    }

    @Test
    void aDuplicateIdIsAmbiguousAndNamesBothJars() throws IOException {
        Path a = packJar(tmp.resolve("one"), "a.jar", "a", 1, "shared", "only-a");
        Path b = packJar(tmp.resolve("two"), "b.jar", "b", 2, "shared", "mse");
        LossRegistry registry = load(List.of(option(tmp.resolve("one")), option(tmp.resolve("two"))));
        assertThatThrownBy(() -> registry.find("shared")).isInstanceOf(UsageError.class)
                .hasMessageContaining("\"shared\" is ambiguous").hasMessageContaining(a.toString()).hasMessageContaining(b.toString());
        assertThatThrownBy(() -> registry.find("mse")).isInstanceOf(UsageError.class)
                .hasMessageContaining("mse from built-in").hasMessageContaining("mse from plugin " + b);
        assertThat(registry.find("only-a").origin()).isEqualTo(a.toString());
        assertThat(registry.find("mae") == null || registry.find("mae").origin().equals(LossRegistry.BUILT_IN)).isTrue();
        assertThat(registry.names()).contains("only-a").doesNotContain("shared", "mse");
        assertThat(registry.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("is defined twice"));
    }

    @Test
    void aDirectoryGivenTwiceIsReadOnce() throws IOException {
        packJar(tmp.resolve("p"), "a.jar", "a", 1, "abs-a");
        LossRegistry registry = load(List.of(option(tmp.resolve("p")), option(tmp.resolve("p/../p")),
                new PluginLoader.Directory(tmp.resolve("p"), PluginLoader.PATH_VARIABLE, PluginLoader.IfMissing.WARN)));
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.find("abs-a")).isNotNull();
    }
}
