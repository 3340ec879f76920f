package io.losskit.cli.bind;

import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import io.losskit.cli.input.UsageError;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds each role's column(s), by the conventions of CLI.md: an explicit {@code --col ROLE=SPEC}
 * (a name, a comma-separated list or a glob), else the role's name or one of its aliases, else
 * the columns {@code ROLE_0 … ROLE_k}.
 */
public final class Binder {

    /** Other names the common roles go by (scikit-learn's, Hugging Face's, ASR tools'), in the order they are tried. */
    static final Map<String, List<String>> ALIASES = Map.of(
            "pred", List.of("prediction", "y_pred", "yhat", "embedding", "logits", "predictions", "probs", "hyp",
                    "hypothesis"),
            "target", List.of("y_true", "label", "y", "labels", "label_ids", "ref", "reference"));

    /** How many column names an error message lists before "… and N more". */
    static final int LISTED_COLUMNS = 8;

    private Binder() {
    }

    /**
     * Binds the roles of {@code specs} (role name → the specs the selected losses gave it).
     *
     * @param first the first record, for locating errors in sources without a header
     * @param hasHeader whether the source's columns come from a header row (CSV/TSV)
     * @throws InputError when a required role has no column, or a mapped one is not in the first JSON record
     * @throws UsageError when {@code --col} maps a role no selected loss reads, or names a column the header lacks
     */
    public static Map<String, RoleBinding> bind(RecordSource source, Record first, boolean hasHeader,
                                         Map<String, List<RoleSpec>> specs, Map<String, String> mapped) {
        for (Map.Entry<String, String> m : mapped.entrySet()) {
            if (!specs.containsKey(m.getKey())) {
                throw new UsageError("--col " + m.getKey() + "=" + m.getValue() + ": no selected loss reads a role \""
                        + m.getKey() + "\"" + Suggestion.didYouMean(m.getKey(), specs.keySet()) + "; the roles are: "
                        + String.join(", ", specs.keySet()));
            }
        }
        Map<String, RoleBinding> bindings = new LinkedHashMap<>();
        for (Map.Entry<String, List<RoleSpec>> e : specs.entrySet()) {
            String role = e.getKey();
            Set<RoleKind> kinds = EnumSet.noneOf(RoleKind.class);
            boolean required = false;
            for (RoleSpec s : e.getValue()) {
                kinds.add(s.kind());
                required |= s.required();
            }
            String spec = mapped.get(role);
            List<String> names = spec != null ? explicit(source, first, hasHeader, role, spec) : conventional(source, role);
            boolean multi = spec != null ? (names.size() > 1 || isGlobOrList(spec)) : names.size() > 1 || isIndexed(role, names);
            if (names.isEmpty()) {
                if (required) {
                    throw missing(source, first, hasHeader, role, "no column for role \"" + role + "\" (looked for "
                            + String.join(", ", candidates(role)) + " and " + role + "_0, " + role + "_1, …; the "
                            + (hasHeader ? "columns" : "fields of the first record") + " are: "
                            + columnList(source.columns()) + "); map one with --col " + role + "="
                            + (kinds.contains(RoleKind.VECTOR) || kinds.contains(RoleKind.NUMERIC)
                            ? glob(source.columns()).map(g -> "'" + g + "'").orElse("NAME") : "NAME"));
                }
                continue;
            }
            int[] columns = new int[names.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = source.columnIndexFor(role, names.get(i));
            }
            bindings.put(role, new RoleBinding(role, columns, names, multi, kinds, required, bindings.size()));
        }
        return bindings;
    }

    /**
     * The columns {@link #bind} could bind for {@code specs}, by name, known before any record is
     * read: the mapped names and globs of {@code --col}, else each role's name, its aliases and
     * {@code ROLE_0 … ROLE_k}; and {@code named}, columns read by name beside the roles
     * ({@code --by}, {@code --id}).
     */
    public static Predicate<String> readable(Map<String, List<RoleSpec>> specs, Map<String, String> mapped,
                                             java.util.Collection<String> named) {
        Set<String> names = new HashSet<>(named);
        List<String> indexed = new ArrayList<>();
        List<Pattern> globs = new ArrayList<>();
        for (String role : specs.keySet()) {
            String spec = mapped.get(role);
            if (spec == null) {
                names.addAll(candidates(role));
                indexed.add(role + "_");
            } else if (spec.contains("*") || spec.contains("?")) {
                globs.add(Pattern.compile(globToRegex(spec)));
            } else {
                for (String name : spec.split(",")) {
                    names.add(name.trim());
                }
            }
        }
        return new Readable(names, indexed, globs);
    }

    /**
     * The test of {@link #readable}: a name among {@code names}, a prefix of {@code indexed} and
     * digits ({@code pred_0}), or a match of a glob. Without a lambda or a regular expression but
     * for a glob the user gave (see {@code Main}).
     */
    private record Readable(Set<String> names, List<String> indexed, List<Pattern> globs) implements Predicate<String> {
        @Override
        public boolean test(String name) {
            if (names.contains(name)) {
                return true;
            }
            for (String prefix : indexed) {
                if (name.length() > prefix.length() && name.startsWith(prefix) && digitsFrom(name, prefix.length())) {
                    return true;
                }
            }
            for (Pattern glob : globs) {
                if (glob.matcher(name).matches()) {
                    return true;
                }
            }
            return false;
        }

        private static boolean digitsFrom(String s, int from) {
            for (int i = from; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean isGlobOrList(String spec) {
        return spec.contains(",") || spec.contains("*") || spec.contains("?");
    }

    private static boolean isIndexed(String role, List<String> names) {
        return names.size() == 1 && names.get(0).equals(role + "_0");
    }

    private static InputError missing(RecordSource source, Record first, boolean hasHeader, String column,
                                      String problem) {
        if (hasHeader || first == null) {
            return new InputError(source.name(), -1, -1, column, problem);
        }
        return new InputError(source.name(), first.line(), first.number(), column, problem);
    }

    private static List<String> candidates(String role) {
        List<String> c = new ArrayList<>();
        c.add(role);
        c.addAll(ALIASES.getOrDefault(role, List.of()));
        return c;
    }

    private static List<String> explicit(RecordSource source, Record first, boolean hasHeader, String role, String spec) {
        List<String> names = new ArrayList<>();
        if (spec.contains("*") || spec.contains("?")) {
            Pattern glob = Pattern.compile(globToRegex(spec));
            for (String c : source.columns()) {
                if (glob.matcher(c).matches()) {
                    names.add(c);
                }
            }
            if (names.isEmpty()) {
                throw noSuchColumn(source, first, hasHeader, role, spec, spec, "no column matches \"" + spec + "\"");
            }
            return names;
        }
        for (String name : spec.split(",")) {
            String n = name.trim();
            if (source.columnIndexFor(role, n) < 0) {
                throw noSuchColumn(source, first, hasHeader, role, spec, n,
                        "no column \"" + n + "\"" + Suggestion.didYouMean(n, source.columns()));
            }
            names.add(n);
        }
        return names;
    }

    /**
     * A mapped column that is not there: a usage error where a header lists the input's columns;
     * in JSON/JSONL, whose records each have their own fields, an input error at the first record.
     */
    private static RuntimeException noSuchColumn(RecordSource source, Record first, boolean hasHeader, String role,
                                                 String spec, String column, String problem) {
        if (hasHeader) {
            return new UsageError("--col " + role + "=" + spec + ": " + source.name() + " has " + problem
                    + "; its columns are: " + columnList(source.columns()));
        }
        return missing(source, first, false, column, problem + " (mapped to role " + role
                + "); the fields of the first record are: " + columnList(source.columns()));
    }

    private static List<String> conventional(RecordSource source, String role) {
        for (String name : candidates(role)) {
            if (source.columnIndexFor(role, name) >= 0) {
                return List.of(name);
            }
        }
        List<String> indexed = new ArrayList<>();
        while (source.columnIndexFor(role, role + "_" + indexed.size()) >= 0) {
            indexed.add(role + "_" + indexed.size());
        }
        return indexed;
    }

    /** The first {@link #LISTED_COLUMNS} names, then "… and N more": a header of 1,000 embedding columns stays one readable line. */
    static String columnList(List<String> columns) {
        if (columns.size() <= LISTED_COLUMNS + 1) {
            return String.join(", ", columns);
        }
        return String.join(", ", columns.subList(0, LISTED_COLUMNS)) + " … and " + (columns.size() - LISTED_COLUMNS)
                + " more";
    }

    /**
     * A glob for the largest family of numbered columns ({@code emb_0 … emb_999} → {@code emb_*}),
     * when there is one of at least three: what {@code --col ROLE=} most likely wants for a vector.
     */
    static java.util.Optional<String> glob(List<String> columns) {
        Map<String, Integer> families = new LinkedHashMap<>();
        for (String c : columns) {
            int end = c.length();
            while (end > 0 && Character.isDigit(c.charAt(end - 1))) {
                end--;
            }
            if (end < c.length() && end > 0) {
                families.merge(c.substring(0, end), 1, Integer::sum);
            }
        }
        return families.entrySet().stream().filter(f -> f.getValue() >= 3)
                .max(Map.Entry.comparingByValue()).map(f -> f.getKey() + "*");
    }

    /** The regular expression of a shell glob: {@code *} any run, {@code ?} one character. */
    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    /**
     * The class names for class targets given as names: {@code --classes}, else the names of the
     * columns that hold the pred vector (and, for a glob, the part the {@code *} matched).
     */
    public static Map<String, Integer> classIndex(List<String> classes, RoleBinding pred, String predSpec) {
        Map<String, Integer> index = new LinkedHashMap<>();
        if (!classes.isEmpty()) {
            for (int i = 0; i < classes.size(); i++) {
                index.putIfAbsent(classes.get(i), i);
            }
            return index;
        }
        if (pred == null || !pred.multi()) {
            return index;
        }
        List<String> names = pred.names();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i), i);
        }
        if (predSpec != null && predSpec.indexOf('*') >= 0 && predSpec.indexOf('*') == predSpec.lastIndexOf('*')) {
            String prefix = predSpec.substring(0, predSpec.indexOf('*'));
            String suffix = predSpec.substring(predSpec.indexOf('*') + 1);
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (n.length() >= prefix.length() + suffix.length()) {
                    index.putIfAbsent(n.substring(prefix.length(), n.length() - suffix.length()), i);
                }
            }
        }
        return index;
    }
}
