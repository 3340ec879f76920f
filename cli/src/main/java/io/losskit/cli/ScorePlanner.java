package io.losskit.cli;

import io.losskit.cli.bind.Suggestion;
import io.losskit.cli.engine.ScorePlan;
import io.losskit.cli.engine.ScorePlan.Planned;
import io.losskit.cli.input.UsageError;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Reduction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Makes the {@link ScorePlan} of a {@code score} run from the names and settings typed: unknown
 * losses and parameters, values out of range and unsupported reductions are usage errors.
 */
public final class ScorePlanner {

    private ScorePlanner() {
    }

    /**
     * Resolves loss names and {@code -P [ID.]KEY=VALUE} settings.
     *
     * @param names loss ids or aliases
     * @param settings the {@code -P} values as typed
     * @param vectorMaps reads the JSON file a {@code VECTOR_MAP} parameter names
     */
    public static ScorePlan plan(LossRegistry registry, List<String> names, List<String> settings, Reduction reduction,
                               Function<String, Map<String, double[]>> vectorMaps) {
        if (names.isEmpty()) {
            throw new UsageError("no loss selected; name one with -l ID (see losskit list)");
        }
        Map<String, LossRegistry.Entry> selected = new LinkedHashMap<>();
        Map<String, String> byTypedName = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (String name : names) {
            LossRegistry.Entry e = registry.find(name);
            if (e == null) {
                throw new UsageError("unknown loss \"" + name + "\"" + suggestion(registry, name) + "; see losskit list");
            }
            // keyed by the entry's id: a built-in's and a plugin's loss may share a descriptor id (mse, acme:mse)
            selected.putIfAbsent(e.id(), e);
            labels.putIfAbsent(e.id(), name);   // -l bce,log-loss: one loss, labelled as first typed
            byTypedName.put(name, e.id());
        }
        Map<String, Map<String, String>> given = new LinkedHashMap<>();
        for (String id : selected.keySet()) {
            given.put(id, new LinkedHashMap<>());
        }
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new UsageError("-P takes [ID.]KEY=VALUE, not \"" + setting + "\"");
            }
            String key = setting.substring(0, eq).trim();
            String value = setting.substring(eq + 1);
            String scope = scopeOf(key, byTypedName, registry);
            if (scope != null) {
                String id = byTypedName.get(scope);
                String param = key.substring(scope.length() + 1);
                if (selected.get(id).descriptor().param(param) == null) {
                    throw new UsageError(id + " has no parameter \"" + param + "\"" + paramList(selected.get(id).descriptor()));
                }
                given.get(id).put(param, value);
                continue;
            }
            boolean used = false;
            for (Map.Entry<String, LossRegistry.Entry> e : selected.entrySet()) {
                if (e.getValue().descriptor().param(key) != null) {
                    given.get(e.getKey()).put(key, value);
                    used = true;
                }
            }
            if (!used) {
                throw new UsageError("no selected loss has a parameter \"" + key + "\" (" + String.join(", ",
                        selected.values().stream().map(e -> e.id() + paramList(e.descriptor())).toList()) + ")");
            }
        }
        List<Planned> planned = new ArrayList<>();
        for (Map.Entry<String, LossRegistry.Entry> e : selected.entrySet()) {
            LossDescriptor d = e.getValue().descriptor();
            if (!d.reductions().contains(reduction)) {
                throw new UsageError(d.id() + " does not support --reduction " + reduction.id() + " (it supports "
                        + String.join(", ", d.reductions().stream().sorted().map(Reduction::id).toList()) + "; losskit describe "
                        + d.id() + " says why and what to use instead)");
            }
            ParameterValues params;
            try {
                params = ParameterValues.of(d, given.get(e.getKey()), vectorMaps);
            } catch (IllegalArgumentException ex) {
                throw new UsageError(ex.getMessage());
            }
            planned.add(new Planned(e.getValue(), params, labels.get(e.getKey())));
        }
        return new ScorePlan(List.copyOf(planned), reduction);
    }

    /** The selected loss name that prefixes {@code key} ("huber.delta" → "huber"), or null. */
    private static String scopeOf(String key, Map<String, String> byTypedName, LossRegistry registry) {
        int dot = key.indexOf('.');
        while (dot > 0) {
            String prefix = key.substring(0, dot);
            if (byTypedName.containsKey(prefix)) {
                return prefix;
            }
            LossRegistry.Entry entry = registry.find(prefix);
            if (entry != null) {
                // another name (id or alias) of a selected loss
                for (Map.Entry<String, String> e : byTypedName.entrySet()) {
                    if (entry.id().equals(e.getValue())) {
                        return e.getKey();
                    }
                }
                throw new UsageError("-P " + key + ": loss " + prefix + " is not selected with -l");
            }
            dot = key.indexOf('.', dot + 1);
        }
        return null;
    }

    private static String paramList(LossDescriptor d) {
        return d.params().isEmpty() ? " (it has none)"
                : " (it has " + String.join(", ", d.params().stream().map(p -> p.name()).toList()) + ")";
    }

    private static String suggestion(LossRegistry registry, String name) {
        return Suggestion.didYouMean(name, registry.names());
    }
}
