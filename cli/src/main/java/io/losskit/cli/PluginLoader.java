package io.losskit.cli;

import io.losskit.cli.input.UsageError;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossProvider;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds and loads plugin loss packs.
 *
 * <p>A plugins directory holds one subdirectory per pack: its jars and the libraries they need.
 * Each pack has a class loader of its own, whose parent sees the SPI ({@code io.losskit.spi}) and
 * the JDK, nothing else: a pack cannot see, clash with or break picocli, Jackson, the built-in
 * pack or another pack. A {@code --plugin-dir} may also be a pack itself (the jars in it).
 *
 * <p>A pack is loaded on a thread of its own, within {@link #LOAD_TIMEOUT}; a pack that takes
 * longer, a jar that cannot be read and a provider that fails are reported by name with the
 * cause, and every other loss keeps working.
 */
public final class PluginLoader {

    /** The environment variable with more plugin directories, separated by {@link File#pathSeparator}. */
    public static final String PATH_VARIABLE = "LOSSKIT_PLUGIN_PATH";

    /**
     * How long a pack may take to load (its providers' constructors, losses() and descriptors);
     * tests pass a shorter one to {@link LossRegistry#withPlugins}.
     */
    static final Duration LOAD_TIMEOUT = Duration.ofSeconds(5);

    private static final String SERVICES = "META-INF/services/" + LossProvider.class.getName();

    /**
     * A directory to load plugins from.
     *
     * @param path the directory
     * @param source where it was given ("--plugin-dir", "LOSSKIT_PLUGIN_PATH", "~/.losskit/plugins")
     * @param ifMissing what a missing directory is; {@link IfMissing#ERROR} marks a
     *     {@code --plugin-dir}, which may also be a pack itself
     */
    public record Directory(Path path, String source, IfMissing ifMissing) {
    }

    /** What a plugin directory that does not exist is. */
    public enum IfMissing {
        /** A usage error. */
        ERROR,
        /** A warning. */
        WARN,
        /** Nothing: the directory is optional. */
        IGNORE
    }

    /** A pack found in a plugins directory and not loaded yet: its name (the directory's) and jars. */
    record Pack(String name, Path dir, List<Path> jars) {
        @Override
        public String toString() {
            return "plugin pack " + name + " (" + dir + ")";
        }
    }

    /** What loading a pack gave: its losses (descriptors read) and its problems, one line each. */
    record Loaded(List<LossRegistry.Entry> entries, List<String> problems) {
    }

    private PluginLoader() {
    }

    /**
     * The plugin directories in load order: {@code --plugin-dir} values as given, then the
     * entries of {@code LOSSKIT_PLUGIN_PATH}, then {@code ~/.losskit/plugins}.
     *
     * @param options the {@code --plugin-dir} values
     * @param pluginPath the value of {@code LOSSKIT_PLUGIN_PATH}, or null
     * @param home the user's home directory, or null
     */
    public static List<Directory> directories(List<Path> options, String pluginPath, Path home) {
        List<Directory> dirs = new ArrayList<>();
        for (Path p : options) {
            dirs.add(new Directory(p, "--plugin-dir", IfMissing.ERROR));
        }
        if (pluginPath != null) {
            for (String part : pluginPath.split(File.pathSeparator, -1)) {
                if (!part.isBlank()) {
                    dirs.add(new Directory(Path.of(part), PATH_VARIABLE, IfMissing.WARN));
                }
            }
        }
        if (home != null) {
            dirs.add(new Directory(home.resolve(".losskit").resolve("plugins"), "~/.losskit/plugins", IfMissing.IGNORE));
        }
        return dirs;
    }

    /**
     * Checks that every required directory exists (a stat each; nothing is read).
     *
     * @throws UsageError when a {@code --plugin-dir} does not exist or is not a directory
     */
    static void check(List<Directory> dirs) {
        for (Directory dir : dirs) {
            if (dir.ifMissing() == IfMissing.ERROR && !Files.isDirectory(dir.path())) {
                throw new UsageError(dir.source() + " " + dir.path() + ": " + (Files.exists(dir.path())
                        ? "not a directory (give the directory that holds the pack's jars)" : "no such directory"));
            }
        }
    }

    /**
     * The packs in {@code dirs}, in order, without loading them. A directory given twice is read
     * once; a pack named like an earlier one is reported and skipped.
     */
    static List<Pack> packs(List<Directory> dirs, Consumer<String> problems) {
        Set<Path> seen = new HashSet<>();
        Map<String, Pack> byName = new LinkedHashMap<>();
        for (Directory dir : dirs) {
            Path path = dir.path();
            if (!Files.isDirectory(path)) {
                if (dir.ifMissing() == IfMissing.WARN) {
                    problems.accept(dir.source() + ": plugin directory " + path + ": "
                            + (Files.exists(path) ? "not a directory" : "no such directory"));
                }
                continue;
            }
            try {
                if (!seen.add(path.toRealPath())) {
                    continue;
                }
                List<Path> jars = jars(path);
                List<Pack> found = new ArrayList<>();
                if (dir.ifMissing() == IfMissing.ERROR && !jars.isEmpty()) {
                    found.add(new Pack(name(path), path, jars));
                } else {
                    for (Path jar : jars) {
                        problems.accept(dir.source() + ": " + jar + " is not in a pack, so it is not loaded: move it into a "
                                + "directory of its own (" + path.resolve("NAME").resolve(jar.getFileName()) + ")");
                    }
                    for (Path sub : subdirectories(path)) {
                        if (seen.add(sub.toRealPath())) {
                            List<Path> packJars = jars(sub);
                            if (packJars.isEmpty()) {
                                problems.accept(dir.source() + ": plugin pack " + sub + " holds no jar");
                            } else {
                                found.add(new Pack(name(sub), sub, packJars));
                            }
                        }
                    }
                }
                if (found.isEmpty() && jars.isEmpty() && dir.ifMissing() != IfMissing.IGNORE) {
                    problems.accept(dir.source() + " " + path + ": neither a pack (a directory of jars) nor a directory of packs "
                            + "(one subdirectory of jars per pack)");
                }
                for (Pack pack : found) {
                    Pack first = byName.putIfAbsent(pack.name(), pack);
                    if (first != null) {
                        problems.accept(pack + " is not loaded: the pack " + first.dir() + " has the same name (rename one "
                                + "directory)");
                    }
                }
            } catch (IOException | SecurityException e) {
                problems.accept(dir.source() + ": cannot read plugin directory " + path + ": " + cause(e));
            }
        }
        return List.copyOf(byName.values());
    }

    private static String name(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? dir.toString() : name.toString();
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    private static List<Path> subdirectories(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isDirectory).sorted().toList();
        }
    }

    /**
     * Loads {@code packs}, each on a thread of its own, all within one {@code timeout}. A pack
     * still loading then is reported and skipped (its thread is interrupted and left to end).
     *
     * @return what each pack gave, in the order of {@code packs}
     */
    static List<Loaded> load(List<Pack> packs, Duration timeout) {
        List<FutureTask<Loaded>> tasks = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Pack pack : packs) {
            FutureTask<Loaded> task = new FutureTask<>(() -> loadPack(pack));
            Thread t = new Thread(task, "losskit-load " + pack.name());
            t.setDaemon(true);
            tasks.add(task);
            threads.add(t);
            t.start();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Loaded> loaded = new ArrayList<>();
        for (int i = 0; i < packs.size(); i++) {
            try {
                loaded.add(tasks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                threads.get(i).interrupt();
                loaded.add(new Loaded(List.of(), List.of(packs.get(i) + " is not loaded: it took longer than "
                        + seconds(timeout) + " (a provider's constructor or losses() did not return)")));
            } catch (ExecutionException e) {
                loaded.add(new Loaded(List.of(), List.of(packs.get(i) + " is not loaded: " + cause(e.getCause()))));
            }
        }
        return loaded;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /** Loads one pack on the current thread, whose context class loader becomes the pack's. */
    private static Loaded loadPack(Pack pack) throws MalformedURLException {
        List<String> problems = new ArrayList<>();
        List<Path> readable = new ArrayList<>();
        List<URL> services = new ArrayList<>();
        for (Path jar : pack.jars()) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                readable.add(jar);
                services.add(jf.getEntry(SERVICES) == null ? null : new URL("jar:" + jar.toUri().toURL() + "!/" + SERVICES));
            } catch (IOException | SecurityException e) {
                problems.add("plugin jar " + jar + " cannot be read: " + cause(e));
            }
        }
        URL[] urls = new URL[readable.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = readable.get(i).toUri().toURL();
        }
        URLClassLoader loader = new URLClassLoader("losskit-pack " + pack.name(), urls, SpiOnlyLoader.INSTANCE);
        Thread.currentThread().setContextClassLoader(loader);
        List<LossRegistry.Entry> entries = new ArrayList<>();
        for (int i = 0; i < readable.size(); i++) {
            if (services.get(i) != null) {
                Path jar = readable.get(i);
                for (LossDefinition d : providers(new JarView(loader, services.get(i)), pack, jar, problems)) {
                    LossDescriptor descriptor = descriptor(d, pack, problems);
                    if (descriptor != null) {
                        entries.add(new LossRegistry.Entry(PackCode.wrap(d, descriptor, loader), descriptor, pack.name(), jar));
                    }
                }
            }
        }
        if (!services.stream().anyMatch(s -> s != null) && problems.isEmpty()) {
            problems.add(pack + ": no jar in it provides losses (a loss pack lists its provider in " + SERVICES + ")");
        }
        return new Loaded(List.copyOf(entries), List.copyOf(problems));
    }

    /** The losses of the providers that {@code view} names; a provider that fails is reported and skipped. */
    private static List<LossDefinition> providers(ClassLoader view, Pack pack, Path jar, List<String> problems) {
        List<LossDefinition> losses = new ArrayList<>();
        Iterator<LossProvider> it = ServiceLoader.load(LossProvider.class, view).iterator();
        while (true) {
            LossProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                problems.add(pack + ": a loss provider of " + jar + " cannot be loaded: " + cause(e));
                continue;
            }
            try {
                String incompatible = incompatibleSpi(provider.spiVersion());
                if (incompatible != null) {
                    problems.add(pack + ": skipped " + provider.name() + " (" + jar + "): " + incompatible);
                    continue;
                }
                losses.addAll(List.copyOf(provider.losses()));
            } catch (RuntimeException | Error e) {
                problems.add(pack + ": " + provider.getClass().getName() + ".losses() failed: " + cause(e));
            }
        }
        return losses;
    }

    /** Why a provider built for SPI {@code built} cannot run here, or null when it can (or does not say: 0). */
    static String incompatibleSpi(int built) {
        if (built == 0 || built == LossProvider.SPI_VERSION) {
            return null;
        }
        return "it is built for losskit SPI " + built + ", this losskit has SPI " + LossProvider.SPI_VERSION
                + (built > LossProvider.SPI_VERSION ? " (a newer losskit runs it)" : " (rebuild it against this SPI)");
    }

    private static LossDescriptor descriptor(LossDefinition d, Pack pack, List<String> problems) {
        try {
            LossDescriptor descriptor = d.descriptor();
            if (descriptor == null) {
                throw new NullPointerException("descriptor() returned null");
            }
            return descriptor;
        } catch (RuntimeException | Error e) {
            problems.add(pack + ": " + d.getClass().getName() + ".descriptor() failed: " + cause(e));
            return null;
        }
    }

    /**
     * What went wrong, in one line: the message, then each cause's type and message
     * ("Provider f.Pack could not be instantiated: IllegalStateException: boom").
     */
    static String cause(Throwable e) {
        StringBuilder s = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().replaceFirst("^" + LossProvider.class.getName().replace(".", "\\.") + ": ", ""));
        Set<Throwable> seen = new HashSet<>();
        for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
            String text = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
            if (s.indexOf(c.getMessage() == null ? text : c.getMessage()) < 0) {
                s.append(": ").append(text);
            }
        }
        return s.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The class loader that plugin class loaders delegate to: the SPI and the JDK, nothing else. */
    static final class SpiOnlyLoader extends ClassLoader {

        static final SpiOnlyLoader INSTANCE = new SpiOnlyLoader();

        private static final String SPI_PACKAGE = LossProvider.class.getPackageName() + ".";

        static {
            registerAsParallelCapable();
        }

        private final ClassLoader spi = LossProvider.class.getClassLoader();

        private SpiOnlyLoader() {
            super("losskit-spi", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(SPI_PACKAGE) && name.indexOf('.', SPI_PACKAGE.length()) < 0) {
                return spi.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    /**
     * One jar's view of its pack's class loader: classes come from the pack's loader, but the
     * provider configuration comes from this jar alone, so that a provider that fails is
     * reported against the jar that names it.
     */
    private static final class JarView extends ClassLoader {

        private final URL services;

        JarView(ClassLoader pack, URL services) {
            super(pack);
            this.services = services;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals(SERVICES)) {
                return Collections.enumeration(List.of(services));
            }
            return super.getResources(name);
        }
    }
}
