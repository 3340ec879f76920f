package io.losskit.builtin;

import io.losskit.spi.Sample;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Sample} for unit tests: role → value, where the value's Java type says its kind
 * (Double/Integer number or class index, double[] vector, double[][] matrix, String text,
 * int[] sequence, String[] tokens).
 */
public final class TestSample implements Sample {

    private final Map<String, Object> values = new HashMap<>();

    /** A sample from alternating role names and values. */
    public static TestSample of(Object... roleValuePairs) {
        TestSample s = new TestSample();
        for (int i = 0; i < roleValuePairs.length; i += 2) {
            s.values.put((String) roleValuePairs[i], roleValuePairs[i + 1]);
        }
        return s;
    }

    private Object get(String role) {
        Object v = values.get(role);
        if (v == null) {
            throw new IllegalArgumentException("no role " + role);
        }
        return v;
    }

    @Override
    public boolean has(String role) {
        return values.containsKey(role);
    }

    @Override
    public double number(String role) {
        return ((Number) get(role)).doubleValue();
    }

    @Override
    public boolean isVector(String role) {
        return get(role) instanceof double[];
    }

    @Override
    public double[] vector(String role) {
        return (double[]) get(role);
    }

    @Override
    public int classIndex(String role) {
        return ((Number) get(role)).intValue();
    }

    @Override
    public double[][] matrix(String role) {
        return (double[][]) get(role);
    }

    @Override
    public String text(String role) {
        return String.valueOf(get(role));
    }

    @Override
    public boolean isText(String role) {
        return get(role) instanceof String;
    }

    @Override
    public int[] sequence(String role) {
        return (int[]) get(role);
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
        return (String[]) v;
    }
}
