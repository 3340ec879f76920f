package io.losskit.cli;

import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Every loss losskit knows, by id and alias, with where it came from. */
public final class LossRegistry {

    /** A loss and its origin ("built-in", or the jar it came from). */
    public record Entry(LossDefinition definition, String origin) {
        public LossDescriptor descriptor() {
            return definition.descriptor();
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** The losses of the providers visible to {@code loader}, all marked {@code origin}. */
    public static LossRegistry load(ClassLoader loader, String origin) {
        LossRegistry registry = new LossRegistry();
        registry.addProviders(ServiceLoader.load(LossProvider.class, loader), origin);
        return registry;
    }

    /** The built-in pack (and whatever else is on the application's class path). */
    public static LossRegistry builtin() {
        return load(LossRegistry.class.getClassLoader(), "built-in");
    }

    /**
     * Adds the losses of {@code providers}. A provider that fails to load, or a loss whose id or
     * alias is taken, is recorded in {@link #problems()} and skipped; everything else is added.
     */
    public void addProviders(Iterable<LossProvider> providers, String origin) {
        var it = providers.iterator();
        while (true) {
            LossProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (java.util.ServiceConfigurationError | LinkageError e) {
                problems.add(origin + ": cannot load a loss provider: " + e.getMessage());
                continue;
            }
            List<LossDefinition> losses;
            try {
                losses = provider.losses();
            } catch (RuntimeException | LinkageError e) {
                problems.add(origin + ": " + provider.getClass().getName() + " failed: " + e);
                continue;
            }
            for (LossDefinition d : losses) {
                add(d, origin);
            }
        }
    }

    private void add(LossDefinition definition, String origin) {
        LossDescriptor d = definition.descriptor();
        List<String> names = new ArrayList<>();
        names.add(d.id());
        names.addAll(d.aliases());
        for (String name : names) {
            Entry taken = byName.get(name);
            if (taken != null) {
                problems.add("the loss id \"" + name + "\" of " + origin + " is already taken by "
                        + taken.descriptor().id() + " from " + taken.origin() + "; " + d.id() + " from " + origin + " is not loaded");
                return;
            }
        }
        Entry e = new Entry(definition, origin);
        entries.add(e);
        for (String name : names) {
            byName.put(name, e);
        }
    }

    /** The loss named {@code name} (an id or an alias), or null. */
    public Entry find(String name) {
        return byName.get(name);
    }

    /** Every loss, in load order. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Every id and alias. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** What could not be loaded, one line each. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
