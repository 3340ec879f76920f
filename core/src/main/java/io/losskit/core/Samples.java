package io.losskit.core;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples from plain Java values. */
public final class Samples {

    private Samples() {
    }

    /**
     * A sample with these values by role. The value's Java type says its kind: a {@link Number}
     * is a number or a class index (an integral one), {@code double[]} a vector, {@code double[][]}
     * a matrix, a {@link String} a text, label or sequence given as a string (a number also reads as a label), {@code int[]} a
     * sequence of integers (its tokens are their decimal strings), {@code String[]} or a
     * {@code List<String>} a sequence of tokens. Arrays are not copied: do not change them while
     * the sample is in use.
     *
     * @throws IllegalArgumentException for a null or a value of another type
     */
    public static Sample of(Map<String, ?> values) {
        Map<String, Object> checked = new LinkedHashMap<>();
        values.forEach((role, value) -> {
            Object v = value;
            if (v instanceof List<?> list) {
                v = list.stream().map(t -> {
                    if (!(t instanceof String s)) {
                        throw new IllegalArgumentException(role + ": a list of tokens holds strings, not " + t);
                    }
                    return s;
                }).toArray(String[]::new);
            }
            if (!(v instanceof Number || v instanceof double[] || v instanceof double[][] || v instanceof String
                    || v instanceof int[] || v instanceof String[])) {
                throw new IllegalArgumentException(role + ": a sample value is a Number, double[], double[][], "
                        + "String, int[], String[] or List<String>, not " + (v == null ? "null" : v.getClass().getName()));
            }
            checked.put(role, v);
        });
        return new MapSample(checked);
    }

    /** A sample of alternating role names and values, as {@link #of(Map)} takes them. */
    public static Sample of(Object... roleValuePairs) {
        if (roleValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("roles and values come in pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < roleValuePairs.length; i += 2) {
            values.put((String) roleValuePairs[i], roleValuePairs[i + 1]);
        }
        return of(values);
    }

    /**
     * {@code x} as the class index of {@code role}, for samples that read class indices as numbers.
     *
     * @throws InvalidSampleException when {@code x} is not an integer an {@code int} holds
     */
    public static int classIndex(String role, double x) {
        if (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE) {
            throw new InvalidSampleException(role, "class index " + x + " is not an integer");
        }
        return (int) x;
    }

    private static final class MapSample implements Sample {
        private final Map<String, Object> values;

        MapSample(Map<String, Object> values) {
            this.values = values;
        }

        private Object get(String role) {
            Object v = values.get(role);
            if (v == null) {
                throw new IllegalArgumentException("the sample has no role " + role + " (it has " + values.keySet() + ")");
            }
            return v;
        }

        private <T> T get(String role, Class<T> type, String kind) {
            Object v = get(role);
            if (!type.isInstance(v)) {
                throw new InvalidSampleException(role, "not " + kind + ": " + describe(v));
            }
            return type.cast(v);
        }

        private static String describe(Object v) {
            return v.getClass().isArray() ? "a " + v.getClass().getSimpleName() : "\"" + v + "\"";
        }

        @Override
        public boolean has(String role) {
            return values.containsKey(role);
        }

        @Override
        public double number(String role) {
            return get(role, Number.class, "a number").doubleValue();
        }

        @Override
        public boolean isVector(String role) {
            return get(role) instanceof double[];
        }

        @Override
        public double[] vector(String role) {
            return get(role, double[].class, "a vector");
        }

        @Override
        public int classIndex(String role) {
            return Samples.classIndex(role, get(role, Number.class, "a class index").doubleValue());
        }

        @Override
        public double[][] matrix(String role) {
            return get(role, double[][].class, "a matrix");
        }

        /** A string, or a number's decimal text (a label given as a number). */
        @Override
        public String text(String role) {
            Object v = get(role);
            return v instanceof Number ? String.valueOf(v) : get(role, String.class, "a text");
        }

        @Override
        public boolean isText(String role) {
            return get(role) instanceof String;
        }

        @Override
        public int[] sequence(String role) {
            return get(role, int[].class, "a sequence of integers");
        }

        @Override
        public String[] tokens(String role) {
            Object v = get(role);
            if (v instanceof int[] ints) {
                String[] t = new String[ints.length];
                for (int i = 0; i < ints.length; i++) {
                    t[i] = Integer.toString(ints[i]);
                }
                return t;
            }
            return get(role, String[].class, "a sequence of tokens");
        }
    }
}
