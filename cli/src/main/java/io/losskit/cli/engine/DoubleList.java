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

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
