package io.losskit.cli.engine;

import java.util.Arrays;

/** A growable list of doubles (the per-sample values of {@code --reduction none}). */
final class DoubleList {

    private double[] values = new double[64];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    void addAll(DoubleList other) {
        if (size + other.size > values.length) {
            values = Arrays.copyOf(values, Math.max(size + other.size, size * 2));
        }
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
