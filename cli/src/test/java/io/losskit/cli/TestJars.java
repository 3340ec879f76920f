package io.losskit.cli;

import io.losskit.spi.LossProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars for tests: compiles sources against the SPI alone, as a plugin's build would. */
final class TestJars {

    static final String SERVICES = "META-INF/services/" + LossProvider.class.getName();

    private TestJars() {
    }

    /**
     * Compiles the {@code .java} files under {@code sources} and packs the classes with the files
     * under {@code resources} (may be null) into {@code jar}.
     */
    static Path build(Path sources, Path resources, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(sources)) {
            files = s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        Path classes = Files.createTempDirectory("losskit-classes");
        compile(files, classes);
        Map<String, byte[]> entries = new TreeMap<>(contents(classes));
        delete(classes);
        if (resources != null) {
            entries.putAll(contents(resources));
        }
        return write(jar, entries);
    }

    /** Compiles Java sources given as class name → source text, and packs them with {@code extra} entries. */
    static Path build(Map<String, String> sources, Map<String, String> extra, Path jar) throws IOException {
        // built outside the jar's directory, which a test may read as a plugins directory
        Path classes = compile(sources, spiClasses());
        Map<String, byte[]> entries = new TreeMap<>(contents(classes));
        delete(classes);
        extra.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return write(jar, entries);
    }

    /**
     * Compiles Java sources given as class name → source text against {@code classPath}, into a
     * new temporary directory, which it returns.
     */
    static Path compile(Map<String, String> sources, String classPath) throws IOException {
        Path src = Files.createTempDirectory("losskit-src");
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f);
        }
        Path classes = Files.createTempDirectory("losskit-classes");
        compile(files, classes, classPath);
        delete(src);
        return classes;
    }

    private static void compile(List<Path> files, Path classes) {
        compile(files, classes, spiClasses());
    }

    private static void compile(List<Path> files, Path classes, String classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-classpath", classPath, "-d", classes.toString()));
        files.forEach(f -> args.add(f.toString()));
        StringWriter log = new StringWriter();
        int rc = javac.run(null, new WriterStream(log), new WriterStream(log), args.toArray(new String[0]));
        if (rc != 0) {
            throw new IllegalStateException("javac failed:\n" + log);
        }
    }

    /** Where the SPI's classes are: the only thing a plugin compiles against. */
    static String spiClasses() {
        try {
            return Path.of(LossProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                entries.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return entries;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static Path write(Path jar, Map<String, byte[]> entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    /** javac's output, kept for the failure message. */
    private static final class WriterStream extends OutputStream {
        private final StringWriter w;

        WriterStream(StringWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            w.write(b);
        }
    }
}
