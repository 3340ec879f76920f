package io.losskit.builtin.math;

import java.util.Arrays;

/** A growable list of doubles: the per-sample values kept under {@code --reduction none}. */
public final class Values {

    private double[] data = new double[16];
    private int size;

    public void add(double v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    public void addAll(Values other) {
        for (int i = 0; i < other.size; i++) {
            add(other.data[i]);
        }
    }

    public double get(int i) {
        return data[i];
    }

    public int size() {
        return size;
    }

    public double[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
