package io.losskit.cli;

import io.losskit.cli.input.UsageError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The losses of one run, made when a command first needs them (so that {@code --help} and
 * {@code --version} read nothing): the built-in pack, then the plugin packs of the
 * {@code --plugin-dir} directories and of the default directories, each loaded only when a loss
 * name needs it. What could not be loaded is printed as a warning on standard error when found.
 */
final class RegistrySource {

    private final Supplier<LossRegistry> builtins;
    private final List<PluginLoader.Directory> defaults;
    private final Supplier<PrintWriter> err;
    private final List<Path> pluginDirs = new ArrayList<>();
    private LossRegistry registry;

    /**
     * @param builtins the built-in losses; the registry it returns is not changed
     * @param defaults the plugin directories read after the {@code --plugin-dir} ones
     * @param err where warnings go
     */
    RegistrySource(Supplier<LossRegistry> builtins, List<PluginLoader.Directory> defaults, Supplier<PrintWriter> err) {
        this.builtins = builtins;
        this.defaults = List.copyOf(defaults);
        this.err = err;
    }

    /** Sets the {@code --plugin-dir} values. */
    void pluginDirs(List<Path> dirs) {
        if (registry != null) {
            throw new IllegalStateException("the losses are already loaded");
        }
        pluginDirs.clear();
        pluginDirs.addAll(dirs);
    }

    /**
     * The losses, made on the first call.
     *
     * @throws UsageError when a {@code --plugin-dir} directory does not exist
     */
    LossRegistry get() {
        if (registry == null) {
            List<PluginLoader.Directory> dirs = new ArrayList<>(PluginLoader.directories(pluginDirs, null, null));
            dirs.addAll(defaults);
            registry = builtins.get().withPlugins(dirs, PluginLoader.LOAD_TIMEOUT, new Warnings());
        }
        return registry;
    }

    /** Prints each problem with a plugin as a warning, as found; a class, not a lambda (see {@link Main}). */
    private final class Warnings implements Consumer<String> {
        @Override
        public void accept(String problem) {
            PrintWriter w = err.get();
            w.println("losskit: warning: " + problem);
            w.flush();
        }
    }
}
