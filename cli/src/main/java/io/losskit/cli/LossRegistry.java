package io.losskit.cli;

import io.losskit.cli.input.UsageError;
import io.losskit.builtin.BuiltinLosses;
import io.losskit.cli.engine.LoadedLoss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Every loss losskit knows, by id and alias, with where it came from; plugin packs are loaded
 * only when a name needs them.
 *
 * <p>A built-in loss keeps its ids and aliases: a plugin's loss is always reachable as
 * {@code PACK:ID} (PACK is its pack's directory name), and by its bare id or alias only when
 * neither a built-in nor another pack claims that name. A bare name that several packs claim
 * selects none of them: it is a usage error that lists each {@code PACK:ID}. So a built-in name
 * never needs a plugin loaded ({@code score -l mse} reads no plugin), {@code PACK:ID} loads that
 * pack, and any other name, or the whole list, loads every pack.
 */
public final class LossRegistry {

    /** The pack name of the built-in losses. */
    public static final String BUILT_IN = "built-in";

    /**
     * A loss and its origin.
     *
     * @param definition the loss (a plugin's runs with its pack's context class loader)
     * @param descriptor its descriptor, read once when the loss was loaded
     * @param pack {@value #BUILT_IN}, or the name of the plugin pack (its directory's name)
     * @param jar the jar the loss came from; null for a built-in
     */
    public record Entry(LossDefinition definition, LossDescriptor descriptor, String pack, Path jar) implements LoadedLoss {

        /** Whether the loss is one of the built-in pack's. */
        @Override
        public boolean builtIn() {
            return jar == null;
        }

        /** The name that selects this loss in any run: the descriptor's id for a built-in, PACK:ID for a plugin's. */
        public String id() {
            return builtIn() ? descriptor.id() : pack + ":" + descriptor.id();
        }

        /** Where the loss came from, for messages: "built-in", or "plugin pack acme (/path/acme.jar)". */
        @Override
        public String describeOrigin() {
            return builtIn() ? BUILT_IN : "plugin pack " + pack + " (" + jar + ")";
        }
    }

    private final Builtins builtins;
    private final List<PluginLoader.Directory> dirs;
    private final Duration timeout;
    private final Consumer<String> report;
    private final List<String> problems = new ArrayList<>();
    /** The packs found in {@link #dirs}, by name; null until a name needs them. */
    private Map<String, PluginLoader.Pack> packs;
    /** The losses of each pack loaded so far, by name (id or alias) within the pack. */
    private final Map<String, Map<String, Entry>> loaded = new LinkedHashMap<>();

    private LossRegistry(Builtins builtins, List<PluginLoader.Directory> dirs, Duration timeout, Consumer<String> report) {
        this.report = report;
        this.builtins = builtins;
        this.dirs = List.copyOf(dirs);
        this.timeout = timeout;
    }

    /**
     * The built-in pack, made directly rather than found by {@link java.util.ServiceLoader} (whose
     * search opens every jar of the class path and looks into every module of the runtime, at
     * each start); a loss is made when a name selects it, all of them only when a command lists them.
     */
    public static LossRegistry builtin() {
        return new LossRegistry(new Builtins(new BuiltinLosses()), List.of(), Duration.ZERO, IGNORED);
    }

    /** Drops a problem; a class, not a lambda (see {@link Main}). */
    private static final Consumer<String> IGNORED = new Consumer<>() {
        @Override
        public void accept(String problem) {
        }
    };

    /**
     * This registry's built-in losses with the packs of {@code dirs}, loaded as names need them.
     *
     * @param timeout how long loading the packs may take
     * @param report gets each problem (an unreadable jar, a failing provider), one line, as found
     * @throws UsageError when a {@code --plugin-dir} does not exist
     */
    public LossRegistry withPlugins(List<PluginLoader.Directory> dirs, Duration timeout, Consumer<String> report) {
        PluginLoader.check(dirs);
        return new LossRegistry(builtins, dirs, timeout, report);
    }

    /**
     * The built-in losses: each made once, alone when a name selects it, or all together when a
     * command needs every one (the instances made before are kept, so a loss is one entry).
     */
    private static final class Builtins {
        private final BuiltinLosses pack;
        private final Map<String, Entry> byName = new HashMap<>();
        private List<Entry> all;

        Builtins(BuiltinLosses pack) {
            this.pack = pack;
        }

        /** The built-in loss named {@code name} (id or alias), or null. */
        synchronized Entry find(String name) {
            Entry e = byName.get(name);
            if (e == null && all == null) {
                LossDefinition d = pack.find(name);
                if (d != null) {
                    e = byId(d.descriptor().id());
                    if (e == null) {
                        e = new Entry(d, d.descriptor(), BUILT_IN, null);
                    }
                    byName.put(name, e);
                }
            }
            return e;
        }

        private Entry byId(String id) {
            for (Entry e : byName.values()) {
                if (e.descriptor().id().equals(id)) {
                    return e;
                }
            }
            return null;
        }

        /** Every built-in loss, in the pack's order; {@code problem} gets a name two of them claim. */
        synchronized List<Entry> all(Consumer<String> problem) {
            if (all == null) {
                List<Entry> entries = new ArrayList<>();
                for (LossDefinition d : pack.losses()) {
                    Entry made = byId(d.descriptor().id());
                    entries.add(made != null ? made : new Entry(d, d.descriptor(), BUILT_IN, null));
                }
                all = List.copyOf(entries);
                byName.clear();
                byName.putAll(index(all, BUILT_IN, problem));
            }
            return all;
        }

        /** Every name of a built-in loss. */
        synchronized Set<String> names(Consumer<String> problem) {
            all(problem);
            return Set.copyOf(byName.keySet());
        }
    }

    /** Names (id and aliases) → loss; a name two losses of one pack claim goes to the first, and is reported. */
    private static Map<String, Entry> index(List<Entry> entries, String pack, Consumer<String> problem) {
        Map<String, Entry> names = new LinkedHashMap<>();
        for (Entry e : entries) {
            List<String> all = new ArrayList<>();
            all.add(e.descriptor().id());
            all.addAll(e.descriptor().aliases());
            for (String name : all) {
                Entry first = names.putIfAbsent(name, e);
                if (first != null && first != e) {
                    problem.accept(pack + ": two of its losses are named \"" + name + "\"; it selects the first, "
                            + first.descriptor().id());
                }
            }
        }
        return names;
    }

    private void problem(String message) {
        problems.add(message);
        report.accept(message);
    }

    private Map<String, PluginLoader.Pack> packs() {
        if (packs == null) {
            packs = new LinkedHashMap<>();
            for (PluginLoader.Pack p : PluginLoader.packs(dirs, this::problem)) {
                packs.put(p.name(), p);
            }
        }
        return packs;
    }

    /** Loads those of {@code wanted} not loaded yet. */
    private void ensureLoaded(List<PluginLoader.Pack> wanted) {
        List<PluginLoader.Pack> missing = wanted.stream().filter(p -> !loaded.containsKey(p.name())).toList();
        List<PluginLoader.Loaded> results = PluginLoader.load(missing, timeout);
        for (int i = 0; i < missing.size(); i++) {
            results.get(i).problems().forEach(this::problem);
            loaded.put(missing.get(i).name(), index(results.get(i).entries(), missing.get(i).toString(), this::problem));
        }
    }

    private void loadAll() {
        ensureLoaded(List.copyOf(packs().values()));
    }

    /**
     * The loss named {@code name}: a built-in's id or alias, {@code PACK:ID} (or
     * {@code PACK:ALIAS}), or the bare name of one plugin pack's loss; null when there is none.
     *
     * @throws UsageError when several plugin packs claim a bare name, or PACK:ID names no pack or
     *     no loss of that pack
     */
    public Entry find(String name) {
        int colon = name.indexOf(':');
        if (colon >= 0) {
            String pack = name.substring(0, colon);
            String id = name.substring(colon + 1);
            if (pack.equals(BUILT_IN)) {
                return builtins.find(id);
            }
            PluginLoader.Pack p = packs().get(pack);
            if (p == null) {
                throw new UsageError("unknown loss \"" + name + "\": no plugin pack is named \"" + pack + "\" ("
                        + (packs().isEmpty() ? "no pack was found" : "the packs: " + String.join(", ", packs().keySet()))
                        + "; see losskit list)");
            }
            ensureLoaded(List.of(p));
            Entry e = loaded.get(pack).get(id);
            if (e == null) {
                List<String> ids = loaded.get(pack).values().stream().distinct().map(x -> x.descriptor().id()).toList();
                throw new UsageError("unknown loss \"" + name + "\": the plugin pack " + pack + " has "
                        + (ids.isEmpty() ? "no loss loaded" : "only " + String.join(", ", ids)) + " (see losskit list)");
            }
            return e;
        }
        Entry builtin = builtins.find(name);
        if (builtin != null) {
            return builtin;
        }
        List<Entry> claims = pluginClaims(name);
        if (claims.size() > 1) {
            throw new UsageError("the loss id \"" + name + "\" is defined by several plugin packs, so it selects none: "
                    + String.join(" and ", claims.stream().map(e -> e.id() + " from " + e.describeOrigin()).toList())
                    + "; select one as PACK:ID");
        }
        return claims.isEmpty() ? null : claims.get(0);
    }

    /** The losses of every pack that {@code name} names, bare. */
    private List<Entry> pluginClaims(String name) {
        loadAll();
        List<Entry> claims = new ArrayList<>();
        for (Map<String, Entry> pack : loaded.values()) {
            Entry e = pack.get(name);
            if (e != null) {
                claims.add(e);
            }
        }
        return claims;
    }

    /**
     * The shortest name that selects {@code e} in this run: its bare id when that resolves to
     * it, else {@code PACK:ID}.
     */
    public String name(Entry e) {
        String id = e.descriptor().id();
        if (e.builtIn() || builtins.find(id) != null) {
            return e.id();
        }
        List<Entry> claims = pluginClaims(id);
        return claims.size() == 1 ? id : e.id();
    }

    /** Every loss, built-in first, then the plugin packs in the order they were found. */
    public List<Entry> entries() {
        loadAll();
        List<Entry> all = new ArrayList<>(builtins.all(this::problem));
        for (Map<String, Entry> pack : loaded.values()) {
            pack.values().stream().distinct().forEach(all::add);
        }
        return Collections.unmodifiableList(all);
    }

    /** Every name that selects a loss: ids and aliases that resolve bare, and each plugin loss's PACK:ID. */
    public List<String> names() {
        loadAll();
        Set<String> builtinNames = builtins.names(this::problem);
        TreeSet<String> names = new TreeSet<>(builtinNames);
        Map<String, Integer> claims = new LinkedHashMap<>();
        for (Map<String, Entry> pack : loaded.values()) {
            for (String name : pack.keySet()) {
                claims.merge(name, 1, Integer::sum);
            }
            pack.values().forEach(e -> names.add(e.id()));
        }
        claims.forEach((name, n) -> {
            if (n == 1 && !builtinNames.contains(name)) {
                names.add(name);
            }
        });
        return List.copyOf(names);
    }

    /** What could not be loaded so far, one line each (each was also reported when found). */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
