package io.losskit.cli;

import io.losskit.spi.LossProvider;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds plugin loss packs: every jar in the plugin directories, found with {@link ServiceLoader}.
 *
 * <p>Each directory's jars share a class loader of their own (so a plugin can ship its
 * dependencies as jars beside it), whose parent sees the SPI ({@code io.losskit.spi}) and the
 * JDK, nothing else: a plugin cannot see, clash with or break picocli, Jackson, the built-in pack
 * or another directory's plugins. A jar that cannot be read, or whose provider fails to load, is
 * reported by name in {@link LossRegistry#problems()}; every other loss keeps working.
 */
public final class PluginLoader {

    /** The environment variable with more plugin directories, separated by {@link File#pathSeparator}. */
    public static final String PATH_VARIABLE = "LOSSKIT_PLUGIN_PATH";

    private static final String SERVICES = "META-INF/services/" + LossProvider.class.getName();

    /**
     * A directory to load plugins from.
     *
     * @param path the directory
     * @param source where it was given ("--plugin-dir", "LOSSKIT_PLUGIN_PATH", "~/.losskit/plugins")
     * @param ifMissing what a missing directory is: an error for {@code --plugin-dir}, a warning
     *     for {@code LOSSKIT_PLUGIN_PATH}, nothing for {@code ~/.losskit/plugins}
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
     * Adds the plugins of {@code dirs} to {@code registry}. A directory given twice is read once.
     *
     * @throws UsageError when a required directory does not exist or is not a directory
     */
    public static void load(LossRegistry registry, List<Directory> dirs) {
        Set<Path> seen = new HashSet<>();
        for (Directory dir : dirs) {
            Path path = dir.path();
            if (!Files.isDirectory(path)) {
                String what = Files.exists(path) ? "not a directory" : "no such directory";
                switch (dir.ifMissing()) {
                    case ERROR -> throw new UsageError(dir.source() + " " + path + ": " + what);
                    case WARN -> registry.problem(dir.source() + ": plugin directory " + path + ": " + what);
                    case IGNORE -> { }
                }
                continue;
            }
            Path real;
            try {
                real = path.toRealPath();
            } catch (IOException e) {
                registry.problem(dir.source() + ": cannot read plugin directory " + path + ": " + e.getMessage());
                continue;
            }
            if (seen.add(real)) {
                loadDirectory(registry, path);
            }
        }
    }

    private static void loadDirectory(LossRegistry registry, Path dir) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            registry.problem("cannot list plugin directory " + dir + ": " + e.getMessage());
            return;
        }
        List<Path> readable = new ArrayList<>();
        List<URL> services = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                readable.add(jar);
                services.add(jf.getEntry(SERVICES) == null ? null : new URL("jar:" + jar.toUri().toURL() + "!/" + SERVICES));
            } catch (IOException | SecurityException e) {
                registry.problem(jar + ": cannot read the jar: " + e.getMessage());
            }
        }
        if (readable.isEmpty()) {
            return;
        }
        URLClassLoader loader = new URLClassLoader("losskit-plugins " + dir, urls(readable), SpiOnlyLoader.INSTANCE);
        boolean any = false;
        for (int i = 0; i < readable.size(); i++) {
            if (services.get(i) != null) {
                any = true;
                registry.addProviders(ServiceLoader.load(LossProvider.class, new JarView(loader, services.get(i))),
                        readable.get(i).toString());
            }
        }
        if (!any) {
            registry.problem("plugin directory " + dir + ": no jar in it provides losses (a loss pack lists its provider in "
                    + SERVICES + ")");
        }
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return urls;
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
     * One jar's view of its directory's class loader: classes come from the directory's loader,
     * but the provider configuration comes from this jar alone, so that a provider that fails is
     * reported against the jar that names it.
     */
    private static final class JarView extends ClassLoader {

        private final URL services;

        JarView(ClassLoader directory, URL services) {
            super(directory);
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
