package io.losskit.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link Parameters} parsed from text ({@code -P key=value}) and checked against a descriptor:
 * what the command line uses, and what a plugin's own tests can use.
 */
public final class ParameterValues implements Parameters {

    private final LossDescriptor descriptor;
    private final Map<String, Object> values;

    private ParameterValues(LossDescriptor descriptor, Map<String, Object> values) {
        this.descriptor = descriptor;
        this.values = values;
    }

    /** The defaults of {@code descriptor}. */
    public static ParameterValues defaults(LossDescriptor descriptor) {
        return of(descriptor, Map.of(), path -> {
            throw new IllegalArgumentException("no file given for " + path);
        });
    }

    /**
     * Parses {@code given} (name → text) over the defaults of {@code descriptor}.
     *
     * @param vectorMaps reads the file named by a {@link ParamType#VECTOR_MAP} value
     * @throws IllegalArgumentException naming the parameter, when a name is unknown, a value does
     *     not parse or is out of range
     */
    public static ParameterValues of(LossDescriptor descriptor, Map<String, String> given,
                                     Function<String, Map<String, double[]>> vectorMaps) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : descriptor.params()) {
            String text = given.containsKey(spec.name()) ? given.get(spec.name()) : spec.defaultValue();
            values.put(spec.name(), text == null ? null : parse(descriptor, spec, text, vectorMaps));
        }
        for (String name : given.keySet()) {
            if (descriptor.param(name) == null) {
                throw new IllegalArgumentException(descriptor.id() + " has no parameter '" + name + "'"
                        + (descriptor.params().isEmpty() ? "" : " (it has: " + names(descriptor) + ")"));
            }
        }
        return new ParameterValues(descriptor, values);
    }

    private static String names(LossDescriptor descriptor) {
        return String.join(", ", descriptor.params().stream().map(ParamSpec::name).toList());
    }

    private static Object parse(LossDescriptor d, ParamSpec spec, String text,
                                Function<String, Map<String, double[]>> vectorMaps) {
        String where = d.id() + "." + spec.name();
        String t = text.trim();
        try {
            switch (spec.type()) {
                case DOUBLE: {
                    double v = parseDouble(t);
                    check(where, spec, v, t);
                    return v;
                }
                case INT: {
                    int v = Integer.parseInt(t);
                    check(where, spec, v, t);
                    return v;
                }
                case BOOLEAN: {
                    String b = t.toLowerCase(Locale.ROOT);
                    if (!b.equals("true") && !b.equals("false")) {
                        throw new IllegalArgumentException(where + " must be true or false, not '" + text + "'");
                    }
                    return Boolean.parseBoolean(b);
                }
                case CHOICE:
                    if (!spec.choices().contains(t)) {
                        throw new IllegalArgumentException(where + " must be one of "
                                + String.join(", ", spec.choices()) + ", not '" + text + "'");
                    }
                    return t;
                case STRING:
                    return text;
                case DOUBLE_LIST: {
                    String body = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
                    String[] parts = body.split("[,\\s]+");
                    double[] v = new double[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        v[i] = parseDouble(parts[i]);
                        check(where, spec, v[i], parts[i]);
                    }
                    return v;
                }
                case VECTOR_MAP:
                    return new VectorMapFile(text, Collections.unmodifiableMap(vectorMaps.apply(text)));
                default:
                    throw new AssertionError(spec.type());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be " + article(spec.type()) + ", not '" + text + "'");
        }
    }

    private static String article(ParamType type) {
        return switch (type) {
            case INT -> "an integer";
            case DOUBLE_LIST -> "a comma-separated list of numbers";
            default -> "a number";
        };
    }

    private static double parseDouble(String t) {
        double v = Double.parseDouble(t);
        if (Double.isNaN(v)) {
            throw new NumberFormatException(t);
        }
        return v;
    }

    private static void check(String where, ParamSpec spec, double v, String text) {
        boolean inRange = (spec.min() == null || (spec.minInclusive() ? v >= spec.min() : v > spec.min()))
                && (spec.max() == null || (spec.maxInclusive() ? v <= spec.max() : v < spec.max()));
        boolean allowed = spec.type() == ParamType.CHOICE || spec.choices().isEmpty()
                || spec.choices().stream().anyMatch(c -> Double.parseDouble(c) == v);
        if (!inRange || !allowed) {
            throw new IllegalArgumentException(where + " must be in " + spec.range() + ", not " + text);
        }
    }

    /** A {@link ParamType#VECTOR_MAP} value: the file as given, and what it holds. */
    private record VectorMapFile(String file, Map<String, double[]> vectors) {
    }

    /**
     * Every parameter's effective value (null where unset), in descriptor order; a
     * {@link ParamType#VECTOR_MAP} shows as the file it was read from.
     */
    public Map<String, Object> effective() {
        Map<String, Object> shown = new LinkedHashMap<>(values);
        shown.replaceAll((name, v) -> v instanceof VectorMapFile f ? f.file() : v);
        return Collections.unmodifiableMap(shown);
    }

    @Override
    public boolean isSet(String name) {
        return value(name) != null;
    }

    private Object value(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(descriptor.id() + " declares no parameter '" + name + "'");
        }
        return values.get(name);
    }

    private <T> T typed(String name, Class<T> type) {
        Object v = value(name);
        if (v == null) {
            throw new IllegalArgumentException(descriptor.id() + "." + name + " is not set");
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(descriptor.id() + "." + name + " is not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    @Override
    public double getDouble(String name) {
        return typed(name, Double.class);
    }

    @Override
    public int getInt(String name) {
        return typed(name, Integer.class);
    }

    @Override
    public boolean getBoolean(String name) {
        return typed(name, Boolean.class);
    }

    @Override
    public String getString(String name) {
        return typed(name, String.class);
    }

    @Override
    public double[] getDoubles(String name) {
        return typed(name, double[].class).clone();
    }

    @Override
    public Map<String, double[]> getVectorMap(String name) {
        return typed(name, VectorMapFile.class).vectors();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(descriptor.id()).append(values.isEmpty() ? "" : " ");
        List<String> parts = effective().entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() instanceof double[] a
                ? Arrays.toString(a) : String.valueOf(e.getValue()))).toList();
        return sb.append(String.join(" ", parts)).toString();
    }
}
