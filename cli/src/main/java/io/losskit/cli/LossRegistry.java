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

/**
 * Every loss losskit knows, by id and alias, with where it came from.
 *
 * <p>A name (id or alias) claimed by two losses is <em>ambiguous</em>: it is reported in
 * {@link #problems()}, and selecting a loss by that name is a usage error that names both
 * origins. Nothing silently wins, so a plugin can neither shadow a built-in loss nor be shadowed
 * by one; every other name of both losses, and every other loss, keeps working.
 */
public final class LossRegistry {

    /** Where the built-in pack's losses come from, in {@link Entry#origin()}. */
    public static final String BUILT_IN = "built-in";

    /** A loss and its origin ({@value #BUILT_IN}, or the jar it came from). */
    public record Entry(LossDefinition definition, String origin) {
        public LossDescriptor descriptor() {
            return definition.descriptor();
        }

        /** Where the loss came from, for messages: "built-in" or "plugin /path/x.jar". */
        String describeOrigin() {
            return origin.equals(BUILT_IN) ? BUILT_IN : "plugin " + origin;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final Map<String, List<Entry>> clashes = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** The losses of the providers visible to {@code loader}, all marked {@code origin}. */
    public static LossRegistry load(ClassLoader loader, String origin) {
        LossRegistry registry = new LossRegistry();
        registry.addProviders(ServiceLoader.load(LossProvider.class, loader), origin);
        return registry;
    }

    /** The built-in pack (and whatever else is on the application's class path). */
    public static LossRegistry builtin() {
        return load(LossRegistry.class.getClassLoader(), BUILT_IN);
    }

    /** A registry holding what this one holds, to which more can be added without changing this one. */
    public LossRegistry copy() {
        LossRegistry copy = new LossRegistry();
        copy.entries.addAll(entries);
        copy.byName.putAll(byName);
        clashes.forEach((name, list) -> copy.clashes.put(name, new ArrayList<>(list)));
        copy.problems.addAll(problems);
        return copy;
    }

    /**
     * Adds the losses of {@code providers}. A provider that fails to load or to list its losses,
     * and a loss whose descriptor cannot be read, are recorded in {@link #problems()} and skipped;
     * everything else is added.
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
                problems.add(origin + ": cannot load a loss provider: " + message(e));
                continue;
            }
            List<LossDefinition> losses;
            try {
                losses = List.copyOf(provider.losses());
            } catch (RuntimeException | LinkageError e) {
                problems.add(origin + ": " + provider.getClass().getName() + ".losses() failed: " + message(e));
                continue;
            }
            for (LossDefinition d : losses) {
                add(d, origin);
            }
        }
    }

    private void add(LossDefinition definition, String origin) {
        LossDescriptor d;
        try {
            d = definition.descriptor();
            if (d == null) {
                throw new NullPointerException("descriptor() returned null");
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add(origin + ": " + definition.getClass().getName() + ".descriptor() failed: " + message(e));
            return;
        }
        Entry e = new Entry(definition, origin);
        entries.add(e);
        List<String> names = new ArrayList<>();
        names.add(d.id());
        names.addAll(d.aliases());
        for (String name : names) {
            List<Entry> clash = clashes.get(name);
            if (clash != null) {
                if (!clash.contains(e)) {
                    clash.add(e);
                }
                continue;
            }
            Entry taken = byName.get(name);
            if (taken == null || taken == e) {
                byName.put(name, e);
            } else {
                byName.remove(name);
                clashes.put(name, new ArrayList<>(List.of(taken, e)));
            }
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * The loss named {@code name} (an id or an alias), or null when there is none.
     *
     * @throws UsageError when two losses claim the name
     */
    public Entry find(String name) {
        List<Entry> clash = clashes.get(name);
        if (clash != null) {
            throw new UsageError("the loss id \"" + name + "\" is ambiguous: " + claimants(clash)
                    + "; remove or rename one of them (losskit list shows where each loss comes from)");
        }
        return byName.get(name);
    }

    private static String claimants(List<Entry> clash) {
        List<String> parts = new ArrayList<>();
        for (Entry e : clash) {
            parts.add(e.descriptor().id() + " from " + e.describeOrigin());
        }
        return "it names " + String.join(" and ", parts);
    }

    /** Every loss, in load order, including those with an ambiguous name. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Every id and alias that selects a loss (ambiguous names are left out). */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** What could not be loaded, and every ambiguous name; one line each. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        clashes.forEach((name, clash) -> all.add("the loss id \"" + name + "\" is defined twice, so it selects nothing: "
                + claimants(clash)));
        return all;
    }

    /** Records a problem found while looking for losses (an unreadable jar, a missing directory). */
    void problem(String message) {
        problems.add(message);
    }
}
