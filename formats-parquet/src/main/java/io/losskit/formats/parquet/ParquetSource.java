package io.losskit.formats.parquet;

import io.losskit.cli.input.ColumnBatch;
import io.losskit.cli.input.ColumnarSource;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.NumberBatches;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.SplittableSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file, read one row group at a time and, in it, only the column chunks of the columns a
 * role reads, a page at a time ({@link ChunkPages}). The footer (Thrift) is parsed by
 * parquet-format-structures; the pages of plain numbers are decoded here ({@link FlatNumbers}),
 * any others by parquet-column's column readers (every encoding); the file, its chunks and their
 * pages are read here, so neither parquet-hadoop nor Hadoop is needed.
 *
 * <p>A column is a top-level field: double, float, int32/64 (signed or unsigned) and boolean give
 * a number, a string (or unannotated binary) a string; a list of numbers a vector, a list of such
 * lists a matrix, a list of strings a list of strings. A null value is a missing value, which the
 * engine reports naming the record (the 1-based row in the file) and the column; a null inside a
 * list is an input error here.
 *
 * <p>Its row groups can be read on threads of their own ({@link #split}): each part is a run of
 * consecutive row groups, read through the same file channel (positional reads). Columns of plain
 * numbers give the engine's columnar path their decoded pages ({@link #nextBatch}).
 */
class ParquetSource extends ColumnarSource implements SplittableSource, NumberBatches {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.ISO_8859_1);

    private final FileChannel file;
    private final FileMetaData meta;
    private final MessageType schema;
    private final SchemaReader types;
    private final GroupConverter converter;
    private final String createdBy;
    /** Per column (top-level field), its leaf's index among the file's leaf columns, or −1 when it has several leaves (a struct, a map). */
    private final int[] leaf;
    private final List<Shape> shapes = new ArrayList<>();
    private Values[] readers;
    /** Per column, its fast path in this row group, or null (then {@link #readers} has it, if read). */
    private FlatNumbers[] flat;
    /** Per column, its fast path's reader, reused from chunk to chunk. */
    private FlatNumbers[] numbers;
    /** Per column, the buffers its chunks' pages are read and decompressed through (reused: they are about as large as a page). */
    private ChunkPages.Buffers[] buffers;
    private ParquetRecord current;
    /** The row groups this source reads: from {@code group + 1} up to {@code endGroup}. */
    private final int endGroup;
    /** Whether this is a part of another source, which owns the file. */
    private final boolean part;
    private int group = -1;
    private long groupRows;
    private long row;
    private long records;
    private boolean started;

    ParquetSource(String name, Path path) throws IOException {
        super(name);
        file = FileChannel.open(path, StandardOpenOption.READ);
        try {
            meta = footer();
            createdBy = meta.isSetCreated_by() ? meta.created_by : "";
            types = new SchemaReader(meta.schema);
            schema = types.message();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e instanceof InputError ie ? ie : InputError.inFile(name, "not a Parquet file (" + e.getMessage() + ")");
        }
        converter = converter(schema);
        leaf = new int[schema.getFieldCount()];
        int leaves = 0;
        for (Type f : schema.getFields()) {
            columns.add(f.getName());
            int n = leafCount(f);
            leaf[columns.size() - 1] = n == 1 ? leaves : -1;
            shapes.add(n == 1 ? Shape.of(schema, schema.getColumns().get(leaves), types.annotations.get(leaves), types.unsigned.get(leaves)) : null);
            leaves += n;
        }
        endGroup = meta.row_groups.size();
        part = false;
    }

    /** Row groups {@code from} to {@code to} (exclusive) of {@code whole}, whose records it numbers from 1. */
    private ParquetSource(ParquetSource whole, int from, int to) {
        super(whole.name);
        file = whole.file;
        meta = whole.meta;
        createdBy = whole.createdBy;
        types = whole.types;
        schema = whole.schema;
        converter = whole.converter;
        leaf = whole.leaf;
        columns.addAll(whole.columns);
        shapes.addAll(whole.shapes);
        readsOnly(whole.reads);
        group = from - 1;
        endGroup = to;
        part = true;
    }

    /** The file's rows, from its footer (a part is never asked: the progress line asks the whole). */
    @Override
    public long recordCount() {
        long total = 0;
        for (RowGroup g : meta.row_groups) {
            total += g.num_rows;
        }
        return total;
    }

    @Override
    public List<RowGroups> split(int n) {
        List<RowGroup> groups = meta.row_groups;
        long total = recordCount();
        List<RowGroups> parts = new ArrayList<>();
        int from = 0;
        long rows = 0;
        for (int i = 0; i < groups.size() && parts.size() < n - 1; i++) {
            rows += groups.get(i).num_rows;
            // cut where the rows so far reach the next share of the total
            if (rows * n >= total * (parts.size() + 1) && i + 1 < groups.size()) {
                parts.add(new RowGroups(this, from, i + 1));
                from = i + 1;
            }
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        parts.add(new RowGroups(this, from, groups.size()));
        return parts;
    }

    @Override
    public long headerLines() {
        return 0;
    }

    /** A run of row groups, read by a source of its own. */
    private static final class RowGroups extends ParquetSource implements SplittableSource.Part, SplittableSource.PartSource {
        /** The rows of its row groups. */
        private final long rows;

        RowGroups(ParquetSource whole, int from, int to) {
            super(whole, from, to);
            long n = 0;
            for (int g = from; g < to; g++) {
                n += whole.meta.row_groups.get(g).num_rows;
            }
            rows = n;
        }

        @Override
        public PartSource open() {
            return this;
        }

        @Override
        public long linesRead() {
            return 0;
        }

        /** The rows of its row groups (records have no lines: the bootstrap keys them on their row). */
        @Override
        public long keySpan() {
            return rows;
        }

        @Override
        public boolean endedAtCut() {
            return true;
        }
    }

    private FileMetaData footer() throws IOException {
        long size = file.size();
        if (size < 12) {
            throw InputError.inFile(name, "not a Parquet file (" + size + " bytes)");
        }
        ByteBuffer head = read(0, 4);
        ByteBuffer tail = read(size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        int length = tail.getInt(0);
        byte[] end = Arrays.copyOfRange(tail.array(), 4, 8);
        if (Arrays.equals(end, "PARE".getBytes(StandardCharsets.ISO_8859_1))) {
            throw InputError.inFile(name, "an encrypted Parquet file, which losskit cannot read");
        }
        if (!Arrays.equals(head.array(), MAGIC) || !Arrays.equals(end, MAGIC)) {
            throw InputError.inFile(name, "not a Parquet file (it does not begin and end with PAR1)");
        }
        if (length <= 0 || length > size - 12) {
            throw InputError.inFile(name, "not a Parquet file (a footer of " + length + " bytes in " + size + ")");
        }
        return Util.readFileMetaData(new ByteArrayInputStream(read(size - 8 - length, length).array()));
    }

    private ByteBuffer read(long at, int length) throws IOException {
        return readFully(ByteBuffer.allocate(length), at);
    }

    private ByteBuffer readFully(ByteBuffer b, long at) throws IOException {
        return readFully(file, b, at);
    }

    /** Fills {@code b} from {@code file} at {@code at}. */
    static ByteBuffer readFully(FileChannel file, ByteBuffer b, long at) throws IOException {
        int start = b.position();
        while (b.hasRemaining()) {
            if (file.read(b, at + b.position() - start) < 0) {
                throw new IOException("the file ends at " + (at + b.position() - start) + " bytes");
            }
        }
        return b;
    }

    private static int leafCount(Type t) {
        if (t.isPrimitive()) {
            return 1;
        }
        int n = 0;
        for (Type f : t.asGroupType().getFields()) {
            n += leafCount(f);
        }
        return n;
    }

    /** Converters parquet-column walks to reach a column; the values are read through the column readers. */
    private static GroupConverter converter(GroupType g) {
        Converter[] fields = new Converter[g.getFieldCount()];
        for (int i = 0; i < fields.length; i++) {
            Type t = g.getType(i);
            fields[i] = t.isPrimitive() ? new PrimitiveConverter() {
            } : converter(t.asGroupType());
        }
        return new GroupConverter() {
            @Override
            public Converter getConverter(int i) {
                return fields[i];
            }

            @Override
            public void start() {
            }

            @Override
            public void end() {
            }
        };
    }

    @Override
    public Record next() throws IOException {
        if (!started) {
            started = true;
            checkTypes();
        }
        while (row == groupRows) {
            if (!nextGroup()) {
                return null;
            }
        }
        row++;
        long number = ++records;
        if (current == null) {
            current = new ParquetRecord(columns.size());
        }
        ParquetRecord r = current;
        r.number = number;
        String problem = null;
        int at = -1;
        for (int c = 0; c < readers.length; c++) {
            r.isNumber[c] = false;
            r.values[c] = null;
            try {
                FlatNumbers f = flat[c];
                if (f != null) {
                    if (f.next()) {
                        r.numbers[c] = f.value;
                        r.isNumber[c] = true;
                    }
                } else if (readers[c] != null) {
                    r.values[c] = readers[c].next();
                }
            } catch (Values.NullItem e) {
                if (problem == null) {
                    problem = e.getMessage();
                    at = c;
                }
            } catch (ParquetDecodingException | UncheckedIOException e) {
                throw malformed(number, c, e);
            }
        }
        if (problem != null) {
            throw new InputError(name, -1, number, columns.get(at), problem);
        }
        return r;
    }

    /** Columns of plain numbers, not keyed ({@code --by} reads its columns from records). */
    @Override
    public boolean batches(int[] columns, boolean keyed) {
        if (keyed) {
            return false;
        }
        for (int c : columns) {
            if (shapes.get(c) == null || !FlatNumbers.fits(shapes.get(c))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows up to the end of the shortest current page of the columns; none at the start of a
     * row group (its first row is {@link #next()}'s, which opens the group) or when a column's
     * chunk is not on the fast path.
     */
    @Override
    public int nextBatch(ColumnBatch batch) {
        batch.firstNumber = records + 1;
        batch.size = 0;
        if (!started || row == groupRows) {
            return 0;
        }
        int[] read = batch.columns;
        int n = (int) Math.min(batch.capacity(), groupRows - row);
        for (int c : read) {
            if (flat[c] == null) {
                return 0;
            }
            try {
                n = Math.min(n, flat[c].ready());
            } catch (ParquetDecodingException | UncheckedIOException e) {
                throw malformed(records + 1, c, e);
            }
        }
        for (int k = 0; k < read.length; k++) {
            n = flat[read[k]].finite(n, batch.integral[k]);
        }
        for (int k = 0; k < read.length; k++) {
            flat[read[k]].take(batch.values[k], n);
        }
        Arrays.fill(batch.lines, 0, n, -1);
        row += n;
        records += n;
        batch.size = n;
        return n;
    }

    private InputError malformed(long record, int column, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new InputError(name, -1, record, columns.get(column), "malformed Parquet data (" + cause.getMessage() + ")").unrecoverable();
    }

    private void checkTypes() {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            if (!reads.test(column)) {
                continue;
            }
            if (seen.put(column, c) != null) {
                throw InputError.inFile(name, "names column \"" + column + "\" twice (which one holds the values?)");
            }
            Shape s = shapes.get(c);
            String problem = s == null ? describe(schema.getType(c)) : s.problem();
            if (problem != null) {
                throw InputError.inFile(name, "column \"" + column + "\" has Parquet type " + problem
                        + ", which no role reads (numbers, booleans, strings, and lists of them or of lists of numbers)");
            }
        }
    }

    private static String describe(Type t) {
        return "group " + t.getName() + " (" + leafCount(t) + " columns: a struct or a map)";
    }

    private boolean nextGroup() throws IOException {
        if (++group >= endGroup) {
            return false;
        }
        RowGroup rg = meta.row_groups.get(group);
        groupRows = rg.num_rows;
        row = 0;
        Map<ColumnDescriptor, PageReader> pages = new HashMap<>();
        List<ColumnDescriptor> leaves = schema.getColumns();
        readers = new Values[columns.size()];
        flat = new FlatNumbers[columns.size()];
        if (buffers == null) {
            buffers = new ChunkPages.Buffers[columns.size()];
            numbers = new FlatNumbers[columns.size()];
        }
        List<Integer> read = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (reads.test(columns.get(c))) {
                read.add(c);
            }
        }
        for (int c : read) {
            ColumnChunk chunk = rg.columns.get(leaf[c]);
            ColumnMetaData m = chunk.meta_data;
            try {
                if (chunk.isSetFile_path()) {
                    throw new IOException("its column chunk is in another file, " + chunk.file_path);
                }
                long start = m.isSetDictionary_page_offset() && m.dictionary_page_offset > 0
                        && m.dictionary_page_offset < m.data_page_offset ? m.dictionary_page_offset : m.data_page_offset;
                long length = m.total_compressed_size;
                if (start < 4 || length < 0 || start + length > file.size()) {
                    throw new IOException("a column chunk of " + length + " bytes at " + start + " in a file of " + file.size());
                }
                if (buffers[c] == null) {
                    buffers[c] = new ChunkPages.Buffers();
                }
                boolean fast = FlatNumbers.fits(shapes.get(c), m.encodings);
                ChunkPages stored = new ChunkPages(file, start, length, m.codec, m.num_values, buffers[c], fast);
                if (fast) {
                    if (numbers[c] == null) {
                        numbers[c] = new FlatNumbers(shapes.get(c));
                    }
                    flat[c] = numbers[c].open(stored);
                } else {
                    pages.put(leaves.get(leaf[c]), stored);
                }
            } catch (ChunkPages.UnsupportedCodec e) {
                throw InputError.inFile(name, "column \"" + columns.get(c) + "\": " + e.getMessage());
            } catch (ParquetDecodingException e) {
                throw malformed(records + 1, c, e);
            } catch (IOException | RuntimeException e) {
                throw new InputError(name, -1, records + 1, columns.get(c), "malformed Parquet data in row group " + (group + 1)
                        + " (" + e.getMessage() + ")").unrecoverable();
            }
        }
        if (pages.isEmpty()) {
            return true;
        }
        // parquet-column's readers, for the columns off the fast path (made only then: their classes load only then)
        PageReadStore store = new PageReadStore() {
            @Override
            public PageReader getPageReader(ColumnDescriptor d) {
                return pages.get(d);
            }

            @Override
            public long getRowCount() {
                return groupRows;
            }
        };
        ColumnReadStoreImpl columnStore = new ColumnReadStoreImpl(store, converter, schema, createdBy);
        for (int c : read) {
            if (flat[c] != null) {
                continue;
            }
            try {
                readers[c] = new Values(columnStore.getColumnReader(leaves.get(leaf[c])), shapes.get(c), rg.columns.get(leaf[c]).meta_data.num_values);
            } catch (ParquetDecodingException | UncheckedIOException e) {
                throw malformed(records + 1, c, e);
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        if (!part) {
            file.close();
        }
    }

    /** The schema of the footer (a flat list of elements, depth first) as parquet-column's types. */
    private static final class SchemaReader {

        private final List<SchemaElement> elements;
        private int at;
        /** Per leaf column, in the order of {@link MessageType#getColumns()}: its logical or converted type's name (or null), whether unsigned. */
        final List<String> annotations = new ArrayList<>();
        final List<Boolean> unsigned = new ArrayList<>();

        SchemaReader(List<SchemaElement> elements) {
            this.elements = elements;
        }

        MessageType message() {
            if (elements == null || elements.isEmpty()) {
                throw new IllegalArgumentException("no schema");
            }
            SchemaElement root = elements.get(at++);
            return new MessageType(root.name, children(root.num_children));
        }

        private List<Type> children(int n) {
            List<Type> types = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                types.add(type());
            }
            return types;
        }

        private Type type() {
            if (at >= elements.size()) {
                throw new IllegalArgumentException("the schema ends early");
            }
            SchemaElement e = elements.get(at++);
            Type.Repetition rep = Type.Repetition.valueOf(e.repetition_type.name());
            if (!e.isSetType()) {
                return new GroupType(rep, e.name, children(e.num_children));
            }
            PrimitiveTypeName t = e.type == org.apache.parquet.format.Type.BYTE_ARRAY ? PrimitiveTypeName.BINARY
                    : PrimitiveTypeName.valueOf(e.type.name());
            annotations.add(annotation(e));
            unsigned.add(unsigned(e));
            return new PrimitiveType(rep, t, e.isSetType_length() ? e.type_length : 0, e.name);
        }

        /** The logical type's or converted type's name, or null. */
        private static String annotation(SchemaElement e) {
            if (e.isSetLogicalType()) {
                return e.logicalType.getSetField().getFieldName().toUpperCase(java.util.Locale.ROOT);
            }
            return e.isSetConverted_type() ? e.converted_type.name() : null;
        }

        private static boolean unsigned(SchemaElement e) {
            if (e.isSetLogicalType() && e.logicalType.isSetINTEGER()) {
                return !e.logicalType.getINTEGER().isSigned;
            }
            return e.isSetConverted_type() && e.converted_type.name().startsWith("UINT_");
        }
    }
}
