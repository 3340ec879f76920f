package io.losskit.formats.parquet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * One column's values in one row group, a row at a time, assembled from the column reader's
 * repetition and definition levels (Dremel's record assembly, for one leaf): a number or string, a
 * vector, a matrix, a list of strings, or null for a null row.
 */
final class Values {

    private final ColumnReader reader;
    private final Shape shape;
    private long left;
    private String nullItem;

    /** @param values the chunk's number of values (levels), as its metadata says */
    Values(ColumnReader reader, Shape shape, long values) {
        this.reader = reader;
        this.shape = shape;
        this.left = values;
    }

    /**
     * The next row's value; null for a null row.
     *
     * @throws NullItem when a list holds a null (the row has been read past all the same)
     */
    Object next() throws NullItem {
        if (left == 0) {
            throw new ParquetDecodingException("the column has fewer values than the row group has rows");
        }
        if (shape.repeats == 0) {
            Object v = reader.getCurrentDefinitionLevel() == shape.maxDef ? leaf() : null;
            consume();
            return v;
        }
        nullItem = null;
        Object v = list(1, 0);
        if (nullItem != null) {
            throw new NullItem(nullItem);
        }
        return v;
    }

    private void consume() {
        reader.consume();
        left--;
    }

    /** Whether the next value continues the list at level {@code k} (a new item of it, or of a list inside it). */
    private boolean continues(int k) {
        return left > 0 && reader.getCurrentRepetitionLevel() >= k;
    }

    /**
     * The list at level {@code k}, whose first value is the current one; {@code outer} is its
     * 1-based item number in the list around it (0 at the top).
     */
    private Object list(int k, int outer) {
        int d = reader.getCurrentDefinitionLevel();
        if (d < shape.def[k]) {
            consume();
            if (d < shape.def[k] - 1) {
                if (k > 1) {
                    nullAt("a null at item " + outer + " of the list");
                }
                return null;
            }
            return empty(k);
        }
        if (k == shape.repeats) {
            if (shape.leaf == Shape.Leaf.STRING) {
                List<String> items = new ArrayList<>();
                do {
                    items.add(reader.getCurrentDefinitionLevel() == shape.maxDef ? (String) leaf() : nullItem(items.size() + 1, outer));
                    consume();
                } while (continues(k));
                return items.toArray(String[]::new);
            }
            double[] items = new double[8];
            int n = 0;
            do {
                if (n == items.length) {
                    items = Arrays.copyOf(items, n * 2);
                }
                if (reader.getCurrentDefinitionLevel() == shape.maxDef) {
                    items[n] = number();
                } else {
                    nullItem(n + 1, outer);
                }
                n++;
                consume();
            } while (continues(k));
            return n == items.length ? items : Arrays.copyOf(items, n);
        }
        List<double[]> rows = new ArrayList<>();
        do {
            rows.add((double[]) list(k + 1, rows.size() + 1));
        } while (continues(k) && reader.getCurrentRepetitionLevel() == k);
        return rows.toArray(double[][]::new);
    }

    private String nullItem(int item, int outer) {
        nullAt(outer > 0 ? "a null at item " + item + " of list " + outer : "a null at item " + item + " of the list");
        return null;
    }

    private void nullAt(String problem) {
        if (nullItem == null) {
            nullItem = problem;
        }
    }

    private Object empty(int k) {
        if (k < shape.repeats) {
            return new double[0][];
        }
        return shape.leaf == Shape.Leaf.STRING ? new String[0] : new double[0];
    }

    private Object leaf() {
        return shape.leaf == Shape.Leaf.STRING ? reader.getBinary().toStringUsingUTF8() : (Object) number();
    }

    private double number() {
        return switch (shape.leaf) {
            case DOUBLE -> reader.getDouble();
            case FLOAT -> reader.getFloat();
            case INT32 -> reader.getInteger();
            case UINT32 -> Integer.toUnsignedLong(reader.getInteger());
            case INT64 -> (double) reader.getLong();
            case UINT64 -> unsigned(reader.getLong());
            case BOOLEAN -> reader.getBoolean() ? 1 : 0;
            default -> throw new AssertionError(shape.leaf);
        };
    }

    /** An unsigned 64-bit integer's value, rounded as a long's to double is. */
    static double unsigned(long x) {
        return x >= 0 ? (double) x : (double) (x >>> 1) * 2 + (x & 1);
    }

    /** A null inside a list: an input error of the record, after which reading goes on. */
    static final class NullItem extends Exception {

        private static final long serialVersionUID = 1L;

        NullItem(String message) {
            super(message, null, false, false);
        }
    }
}
