package io.losskit.builtin.classification;

import java.util.Arrays;

/** A growable list of doubles: the per-sample values kept under {@code --reduction none}. */
final class Values {

    private double[] data = new double[16];
    private int size;

    void add(double v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    void addAll(Values other) {
        for (int i = 0; i < other.size; i++) {
            add(other.data[i]);
        }
    }

    double get(int i) {
        return data[i];
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
