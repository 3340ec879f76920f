package com.example.losses;

import io.losskit.spi.Sample;
import java.util.HashMap;
import java.util.Map;

/** A {@link Sample} for tests: role → Double (number or class index) or double[] (vector). */
final class MapSample implements Sample {

    private final Map<String, Object> values = new HashMap<>();

    static MapSample of(Object... roleValuePairs) {
        MapSample s = new MapSample();
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
        throw new UnsupportedOperationException();
    }

    @Override
    public String text(String role) {
        return get(role).toString();
    }

    @Override
    public boolean isText(String role) {
        return get(role) instanceof String;
    }

    @Override
    public int[] sequence(String role) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String[] tokens(String role) {
        throw new UnsupportedOperationException();
    }
}
