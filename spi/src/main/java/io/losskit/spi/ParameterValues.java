package io.losskit.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link Parameters} parsed from text (name → value as typed) and checked against a descriptor:
 * what a host uses, and what a pack's own tests can use.
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
     * Parses {@code given} (name → text) over the defaults of {@code descriptor}. Numbers are
     * finite, in JSON's syntax, and within the parameter's range.
     *
     * @param vectorMaps reads the file named by a {@link ParamType#VECTOR_MAP} value
     * @throws IllegalArgumentException naming the parameter ({@code id.name}), when a name is
     *     unknown, a value does not parse or is not allowed
     */
    public static ParameterValues of(LossDescriptor descriptor, Map<String, String> given,
                                     Function<String, Map<String, double[]>> vectorMaps) {
        for (String name : given.keySet()) {
            if (descriptor.param(name) == null) {
                throw new IllegalArgumentException(descriptor.id() + " has no parameter '" + name + "'"
                        + (descriptor.params().isEmpty() ? "" : " (it has: " + String.join(", ",
                        descriptor.params().stream().map(ParamSpec::name).toList()) + ")"));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec<?> spec : descriptor.params()) {
            String text = given.containsKey(spec.name()) ? given.get(spec.name()) : spec.defaultValue();
            Object v = text == null ? null : spec.parse(descriptor.id() + "." + spec.name(), text, vectorMaps);
            values.put(spec.name(), v != null && spec.type() == ParamType.VECTOR_MAP ? new VectorMapFile(text, v) : v);
        }
        return new ParameterValues(descriptor, values);
    }

    /** A {@link ParamType#VECTOR_MAP} value: the file as given, and what it holds. */
    private record VectorMapFile(String file, Object vectors) {
    }

    /**
     * Every parameter's effective value (null where unset), in descriptor order, as shown to a
     * user: a choice as its word, a {@link ParamType#VECTOR_MAP} as the file it was read from.
     */
    public Map<String, Object> effective() {
        Map<String, Object> shown = new LinkedHashMap<>(values);
        for (Map.Entry<String, Object> p : shown.entrySet()) {
            Object v = p.getValue();
            p.setValue(v instanceof VectorMapFile f ? f.file() : v instanceof Enum<?> e ? ParamSpec.word(e) : v);
        }
        return Collections.unmodifiableMap(shown);
    }

    @Override
    public boolean isSet(ParamSpec<?> param) {
        return value(param) != null;
    }

    @Override
    public <T> T get(ParamSpec<T> param) {
        Object v = value(param);
        if (v == null) {
            throw new IllegalArgumentException(descriptor.id() + "." + param.name() + " is not set");
        }
        if (v instanceof VectorMapFile f) {
            v = f.vectors();
        } else if (v instanceof double[] a) {
            v = a.clone();
        }
        @SuppressWarnings("unchecked") // value() checked that the declared spec has this value type
        T t = (T) v;
        return t;
    }

    private Object value(ParamSpec<?> param) {
        ParamSpec<?> declared = descriptor.param(param.name());
        if (declared == null || !declared.fits(param)) {
            throw new IllegalArgumentException(descriptor.id() + " declares no parameter " + param);
        }
        return values.get(param.name());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(descriptor.id()).append(values.isEmpty() ? "" : " ");
        List<String> parts = effective().entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() instanceof double[] a
                ? Arrays.toString(a) : String.valueOf(e.getValue()))).toList();
        return sb.append(String.join(" ", parts)).toString();
    }
}
