package io.losskit.formats.arrow;

import io.losskit.cli.input.InputError;
import io.losskit.cli.input.UsageError;
import io.losskit.cli.input.ColumnarSource;
import io.losskit.cli.input.FrozenRecord;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * An Arrow IPC input, read batch by batch (one record batch in memory): the stream format, or the
 * file format (Feather v2), whose body after its 8-byte magic is a stream, so both come through a
 * pipe too. Columns of type double, float, half float, (unsigned) int 8–64 and boolean give a
 * number; utf8 a string; a list (also large or fixed-size) of numbers a vector, of such lists a
 * matrix, of strings a list of strings; dictionary-encoded columns are decoded. A null is a
 * missing value, which the engine reports naming the record and the column.
 */
final class ArrowSource extends ColumnarSource {

    static final String OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private static final byte[] FILE_MAGIC = "ARROW1".getBytes(StandardCharsets.ISO_8859_1);

    private final BufferAllocator allocator;
    private final ArrowStreamReader reader;
    private final VectorSchemaRoot root;
    /** Per column, the vector of the current batch that is read (decoded when dictionary-encoded); null for columns nothing reads. */
    private ValueVector[] vectors;
    private final List<ValueVector> decoded = new ArrayList<>();
    private int row;
    private int rows;
    private long records;
    private boolean started;

    ArrowSource(String name, InputStream in) throws IOException {
        super(name);
        if (!Object.class.getModule().isOpen("java.nio", ArrowSource.class.getModule())) {
            // Arrow Java makes ByteBuffers of its memory through java.nio's internals.
            throw new UsageError("reading Arrow needs the JVM option " + OPENS + ", which bin/losskit gives when an argument"
                    + " names an .arrow, .feather or .arrows file or --format arrow: give --format arrow for standard input"
                    + " (or the option in LOSSKIT_JAVA_OPTS)");
        }
        allocator = new RootAllocator();
        in.mark(8);
        byte[] magic = in.readNBytes(8);
        if (!(magic.length == 8 && Arrays.equals(Arrays.copyOf(magic, 6), FILE_MAGIC))) {
            in.reset();
        }
        reader = new ArrowStreamReader(in, allocator, CommonsCompressionFactory.INSTANCE);
        try {
            root = reader.getVectorSchemaRoot();
        } catch (IOException | RuntimeException e) {
            close();
            throw InputError.inFile(name, "not an Arrow IPC file or stream (" + e.getMessage() + ")");
        }
        for (Field f : root.getSchema().getFields()) {
            columns.add(f.getName());
        }
    }

    @Override
    public Record next() throws IOException {
        if (!started) {
            started = true;
            checkTypes();
        }
        while (row == rows) {
            if (!loadBatch()) {
                return null;
            }
        }
        int i = row++;
        long number = ++records;
        Object[] values = new Object[vectors.length];
        for (int c = 0; c < vectors.length; c++) {
            ValueVector v = vectors[c];
            if (v != null && !v.isNull(i)) {
                values[c] = value(v, i, number, c);
            }
        }
        return new FrozenRecord(number, -1, values);
    }

    private void checkTypes() {
        for (Field f : root.getSchema().getFields()) {
            if (reads.test(f.getName())) {
                Field values = f.getDictionary() != null ? null : f;
                if (values != null && !readable(values, 0)) {
                    throw InputError.inFile(name, "column \"" + f.getName() + "\" has Arrow type " + f.getType()
                            + ", which no role reads (numbers, booleans, strings, and lists of them or of lists of numbers)");
                }
            }
        }
    }

    private static boolean readable(Field f, int depth) {
        ArrowType t = f.getType();
        return switch (t.getTypeID()) {
            case FloatingPoint, Int, Bool -> true;
            case Utf8, LargeUtf8 -> depth <= 1;
            case List, LargeList, FixedSizeList -> depth < 2 && readable(f.getChildren().get(0), depth + 1)
                    && !(depth == 1 && isString(f.getChildren().get(0)));
            default -> false;
        };
    }

    private static boolean isString(Field f) {
        return f.getType().getTypeID() == ArrowType.ArrowTypeID.Utf8 || f.getType().getTypeID() == ArrowType.ArrowTypeID.LargeUtf8;
    }

    private boolean loadBatch() throws IOException {
        closeDecoded();
        boolean loaded;
        try {
            loaded = reader.loadNextBatch();
        } catch (IOException | RuntimeException e) {
            throw new InputError(name, -1, records + 1, null, "malformed Arrow data (" + e.getMessage() + ")").unrecoverable();
        }
        if (!loaded) {
            return false;
        }
        rows = root.getRowCount();
        row = 0;
        vectors = new ValueVector[columns.size()];
        List<FieldVector> fields = root.getFieldVectors();
        for (int c = 0; c < vectors.length; c++) {
            if (!reads.test(columns.get(c))) {
                continue;
            }
            FieldVector v = fields.get(c);
            if (v.getField().getDictionary() != null) {
                Dictionary d = reader.getDictionaryVectors().get(v.getField().getDictionary().getId());
                ValueVector plain = DictionaryEncoder.decode(v, d);
                decoded.add(plain);
                vectors[c] = plain;
            } else {
                vectors[c] = v;
            }
        }
        return true;
    }

    /** The value at {@code i} of a vector {@link #readable} accepts, as a {@link Record#value}. */
    private Object value(ValueVector v, int i, long record, int column) {
        if (v instanceof FloatingPointVector f) {
            return f.getValueAsDouble(i);
        }
        if (v instanceof UInt8Vector u) {
            long x = u.get(i);
            return x >= 0 ? (double) x : (double) (x >>> 1) * 2 + (x & 1);
        }
        if (v instanceof BaseIntVector n) {
            return (double) n.getValueAsLong(i);
        }
        if (v instanceof BitVector b) {
            return (double) b.get(i);
        }
        if (v instanceof VarCharVector s) {
            return new String(s.get(i), StandardCharsets.UTF_8);
        }
        if (v instanceof LargeVarCharVector s) {
            return new String(s.get(i), StandardCharsets.UTF_8);
        }
        ValueVector items;
        long from;
        long to;
        if (v instanceof ListVector l) {
            items = l.getDataVector();
            from = l.getElementStartIndex(i);
            to = l.getElementEndIndex(i);
        } else if (v instanceof LargeListVector l) {
            items = l.getDataVector();
            from = l.getElementStartIndex(i);
            to = l.getElementEndIndex(i);
        } else if (v instanceof FixedSizeListVector l) {
            items = l.getDataVector();
            from = (long) i * l.getListSize();
            to = from + l.getListSize();
        } else {
            // a dictionary's values of another type (checkTypes sees only the indices' type)
            throw InputError.inFile(name, "column \"" + columns.get(column) + "\" has Arrow type " + v.getField().getType()
                    + ", which no role reads");
        }
        int n = (int) (to - from);
        Object[] out = new Object[n];
        for (int k = 0; k < n; k++) {
            int at = (int) (from + k);
            if (items.isNull(at)) {
                throw new InputError(name, -1, record, columns.get(column), "a null at item " + (k + 1) + " of the list");
            }
            out[k] = value(items, at, record, column);
        }
        if (n > 0 && out[0] instanceof String) {
            return Arrays.copyOf(out, n, String[].class);
        }
        if (n > 0 && out[0] instanceof double[]) {
            return Arrays.copyOf(out, n, double[][].class);
        }
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = (Double) out[k];
        }
        return d;
    }

    private void closeDecoded() {
        for (ValueVector v : decoded) {
            v.close();
        }
        decoded.clear();
    }

    @Override
    public void close() throws IOException {
        closeDecoded();
        try {
            reader.close();
        } finally {
            allocator.close();
        }
    }
}
