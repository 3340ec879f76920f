package io.losskit.spi;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A growable list of doubles, for a state that keeps one value per sample (reduction
 * {@code none}): appends, merges in order, and encodes as a count and the values.
 */
public final class ValueList {

    private double[] values;
    private int size;

    /** An empty list. */
    public ValueList() {
        this.values = new double[64];
    }

    /** Appends {@code v}. */
    public void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    /** Appends every value of {@code later}, in order. */
    public void addAll(ValueList later) {
        if (size + later.size > values.length) {
            values = Arrays.copyOf(values, Math.max(size + later.size, size * 2));
        }
        System.arraycopy(later.values, 0, values, size, later.size);
        size += later.size;
    }

    /** The {@code i}-th value. */
    public double get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }

    /** How many values there are. */
    public int size() {
        return size;
    }

    /** A copy of the values. */
    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** Writes the list: its size, then 8 bytes a value. */
    public void encode(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeDouble(values[i]);
        }
    }

    /** Reads a list written by {@link #encode}. */
    public static ValueList decode(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative length " + n);
        }
        ValueList list = new ValueList();
        list.values = new double[Math.max(n, 64)];
        for (int i = 0; i < n; i++) {
            list.values[i] = in.readDouble();
        }
        list.size = n;
        return list;
    }
}
