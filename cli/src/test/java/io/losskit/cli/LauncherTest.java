package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/losskit, the launcher of the distribution (src/dist/bin/losskit), run by sh over an
 * installation laid out as the distribution is: lib/losskit-cli.jar, whose manifest names its
 * dependencies beside it. The installation is made from this build's classes and runtime
 * class path (target/runtime-classpath.txt), so no package step is needed.
 */
class LauncherTest {

    @TempDir
    static Path tmp;

    static Path home;
    static Path csv;

    @BeforeAll
    static void install() throws IOException {
        home = tmp.resolve("losskit");
        install(home, Path.of(""));
        csv = Files.writeString(tmp.resolve("r.csv"), "pred,target\n1,2\n3,3\n0,1\n");
    }

    /**
     * Lays out an installation at {@code home} as the distribution is (bin/losskit, lib/ with
     * losskit-cli.jar and the jars its manifest names) from the cli module at {@code cli}: its
     * classes and runtime class path, as the cli's build leaves them before the package step.
     */
    static void install(Path home, Path cli) throws IOException {
        Path lib = Files.createDirectories(home.resolve("lib"));
        Path bin = Files.createDirectories(home.resolve("bin"));
        List<String> names = new ArrayList<>();
        for (String entry : Files.readString(cli.resolve("target/runtime-classpath.txt")).trim().split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = Files.isDirectory(p) ? p.getParent().getParent().getFileName() + ".jar" : p.getFileName().toString();
            if (Files.isDirectory(p)) {
                jar(p, lib.resolve(name), null);
            } else {
                Files.copy(p, lib.resolve(name));
            }
            names.add(name);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", names));
        jar(cli.resolve("target/classes"), lib.resolve("losskit-cli.jar"), manifest);
        Path launcher = Files.copy(cli.resolve("src/dist/bin/losskit"), bin.resolve("losskit"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Packs the files under {@code classes} into {@code jar}, with {@code manifest} unless null. */
    static void jar(Path classes, Path jar, Manifest manifest) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("LOSSKIT_JAVA_OPTS");
        pb.environment().put("LOSSKIT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().putAll(env);
        Path err = Files.createTempFile("losskit-err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Run run = new Run(p.exitValue(), out, Files.readString(err));
        Files.delete(err);
        return run;
    }

    private static List<Path> archives(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void runsAndKeepsAClassDataArchiveThatTheNextRunUses() throws Exception {
        Path launcher = home.resolve("bin/losskit");
        Run first = run(launcher, Map.of(), "score", "-l", "mse", csv.toString());
        assertThat(first.err()).isEmpty();
        assertThat(first.exit()).isZero();
        assertThat(first.out()).isEqualTo("0.6666666666666666\n"); // (1 + 0 + 1)/3
        List<Path> made = archives(home.resolve("lib/cds"));
        assertThat(made).hasSize(1);
        // lib/cds/JAVA_HOME/VERSION.jsa
        Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
        assertThat(made.get(0)).isEqualTo(home.resolve("lib/cds" + javaHome).resolve(System.getProperty("java.version") + ".jsa"));

        // The next run maps losskit's classes from that archive (a static one, in place of the JDK's).
        Path loaded = tmp.resolve("loaded.txt");
        Run second = run(launcher, Map.of("LOSSKIT_JAVA_OPTS", "-Xlog:class+load:file=" + loaded), "score", "-l", "mse", "-o", "json", csv.toString());
        assertThat(second.err()).isEmpty();
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("\"value\" : 0.6666666666666666");
        assertThat(Files.readString(loaded)).contains("io.losskit.cli.Main source: shared objects file\n",
                "picocli.CommandLine source: shared objects file\n", "io.losskit.cli.ScoreJob source: shared objects file\n");

        // losskit rebuilt or upgraded in place: a jar newer than the archive makes it again, silently.
        FileTime before = Files.getLastModifiedTime(made.get(0));
        Files.setLastModifiedTime(home.resolve("lib/losskit-cli.jar"), FileTime.from(Instant.now().plusSeconds(5)));
        Run third = run(launcher, Map.of(), "list");
        assertThat(third.err()).isEmpty();
        assertThat(third.exit()).isZero();
        assertThat(Files.getLastModifiedTime(archives(home.resolve("lib/cds")).get(0))).isNotEqualTo(before);
    }

    @Test
    void exitCodesAndStreamsPassThrough() throws Exception {
        Run usage = run(home.resolve("bin/losskit"), Map.of("LOSSKIT_CDS", "off"), "score", "-l", "nope", csv.toString());
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).startsWith("losskit: unknown loss \"nope\"");
        Run input = run(home.resolve("bin/losskit"), Map.of("LOSSKIT_CDS", "off"), "score", "-l", "mse", tmp.resolve("missing.csv").toString());
        assertThat(input.exit()).isEqualTo(3);
    }

    @Test
    void worksThroughASymlinkAndWithoutAWritableLib() throws Exception {
        Path ro = tmp.resolve("ro");
        copyTree(home, ro);
        Files.walk(ro.resolve("lib")).filter(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".failed"))
                .forEach(f -> f.toFile().delete());
        ro.resolve("lib/cds").toFile().delete();
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("path")).resolve("losskit"), ro.resolve("bin/losskit"));
        ro.resolve("lib").toFile().setWritable(false);
        try {
            Path cache = tmp.resolve("cache");
            Run run = run(link, Map.of("XDG_CACHE_HOME", cache.toString()), "score", "-l", "mse", csv.toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isEqualTo("0.6666666666666666\n");
            if (!ro.resolve("lib").toFile().canWrite()) { // (root can write anyway)
                assertThat(archives(cache.resolve("losskit" + ro.toRealPath()))).hasSize(1);
            }
        } finally {
            ro.resolve("lib").toFile().setWritable(true);
        }
    }

    @Test
    void refusesAJavaOlderThan17ByName() throws Exception {
        Path oldJava = Files.createDirectories(tmp.resolve("jdk11/bin"));
        Files.writeString(tmp.resolve("jdk11/release"), "JAVA_VERSION=\"11.0.2\"\nJVM_VARIANT=\"Server\"\n");
        Path java = Files.writeString(oldJava.resolve("java"), "#!/bin/sh\necho should not run >&2\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run run = run(home.resolve("bin/losskit"), Map.of("LOSSKIT_JAVA", java.toString()), "list");
        assertThat(run.exit()).isEqualTo(70);
        assertThat(run.err()).isEqualTo("losskit: needs Java 17 or later; " + java + " is Java 11.0.2 (set JAVA_HOME to a newer one)\n");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
