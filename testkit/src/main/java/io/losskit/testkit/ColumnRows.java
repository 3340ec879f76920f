package io.losskit.testkit;

import io.losskit.core.Samples;
import io.losskit.spi.Columns;
import io.losskit.spi.Sample;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link Columns} over plain arrays, for tests of a {@link io.losskit.spi.ColumnLoss} or a
 * {@link io.losskit.spi.ColumnAccumulator}: each role is its columns, one for a number (or a class
 * index, held as a double) and one per element for a vector; {@link #row} is the same row as a
 * {@link Samples} sample, which the one-sample methods read.
 */
public final class ColumnRows implements Columns {

    private final Map<String, double[][]> roles;
    private final Set<String> vectors;
    private final int size;

    /**
     * @param roles per role, its columns (each of {@code size} values)
     * @param vectors the roles that are vectors (any others have one column)
     */
    public ColumnRows(Map<String, double[][]> roles, Set<String> vectors, int size) {
        this.roles = Map.copyOf(roles);
        this.vectors = Set.copyOf(vectors);
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean has(String role) {
        return roles.containsKey(role);
    }

    @Override
    public boolean isVector(String role) {
        return vectors.contains(role);
    }

    @Override
    public double[] column(String role) {
        if (isVector(role)) {
            throw new IllegalArgumentException(role + " is a vector");
        }
        return roles.get(role)[0];
    }

    @Override
    public double[][] columns(String role) {
        return roles.get(role);
    }

    @Override
    public Sample row(int i) {
        Map<String, Object> values = new LinkedHashMap<>();
        roles.forEach((role, columns) -> {
            if (isVector(role)) {
                double[] v = new double[columns.length];
                for (int k = 0; k < v.length; k++) {
                    v[k] = columns[k][i];
                }
                values.put(role, v);
            } else {
                values.put(role, columns[0][i]);
            }
        });
        return Samples.of(values);
    }
}
