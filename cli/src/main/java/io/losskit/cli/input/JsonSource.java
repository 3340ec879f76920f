package io.losskit.cli.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * A JSON document: an array of objects (streamed, one record per object) or one object of
 * equal-length arrays (columns). The columns form spreads each record over the whole document, so
 * it is read whole on the first {@link #next()}, but only the columns that something reads are
 * kept (numbers as doubles, 8 bytes a value); the others stream past.
 */
public final class JsonSource implements RecordSource {

    private final String name;
    private final JsonParser parser;
    private final ColumnTable columns = new ColumnTable();
    private final boolean rows;
    private long records;
    // columns form: filled on the first next()
    private List<Column> table;
    private long rowCount;

    public JsonSource(String name, InputStream in) throws IOException {
        this.name = name;
        this.parser = JsonValues.FACTORY.createParser(in);
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        if (first == null) {
            throw InputError.inFile(name, "the file is empty (expected a JSON array of objects or an object of columns)");
        }
        if (first != JsonToken.START_ARRAY && first != JsonToken.START_OBJECT) {
            throw InputError.inFile(name, "expected a JSON array of objects or an object of columns, found "
                    + JsonValues.describe(first));
        }
        rows = first == JsonToken.START_ARRAY;
    }

    @Override
    public void readsOnly(Predicate<String> read) {
        columns.readsOnly(read);
    }

    /** The parser's complaint, located: the record and the field being read when it stopped. */
    private InputError malformed(JsonProcessingException e) {
        String field;
        long record;
        if (rows) {
            field = JsonValues.fieldAt(parser, 2);
            // inside a record's object, it has been counted; between records, it is the next one
            record = parser.getParsingContext().getNestingDepth() >= 2 ? records : records + 1;
        } else {
            field = JsonValues.fieldAt(parser, 1);
            JsonStreamContext c = parser.getParsingContext();
            while (c != null && c.getNestingDepth() > 2) {
                c = c.getParent();
            }
            record = c != null && c.getNestingDepth() == 2 && c.inArray() ? c.getCurrentIndex() + 1 : -1;
        }
        long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        return new InputError(name, line, record, field, JsonValues.problem(e)).unrecoverable();
    }

    private long line() {
        return parser.currentTokenLocation().getLineNr();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Record next() throws IOException {
        try {
            return rows ? nextRow() : nextOfColumns();
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private Record nextRow() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY) {
            endOfDocument("array");
            return null;
        }
        if (t == null) {
            return null;
        }
        records++;
        long line = line();
        if (t != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw new InputError(name, line, records, null, "expected a JSON object, found " + JsonValues.describe(t));
        }
        Object[] values = columns.readObject(parser);
        if (columns.duplicate() != null) {
            throw new InputError(name, line, records, columns.duplicate(), ColumnTable.duplicateProblem(columns.duplicate()));
        }
        return new FrozenRecord(records, line, values);
    }

    /** After the top-level value only white space may follow: more would be records left unread. */
    private void endOfDocument(String what) throws IOException {
        long line;
        try {
            line = parser.nextToken() == null ? -1 : line();
        } catch (JsonProcessingException e) {
            line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        }
        if (line >= 0) {
            throw new InputError(name, line, -1, null, "text after the end of the top-level JSON " + what
                    + " (a file holds one JSON value; for one object per line use .jsonl)").unrecoverable();
        }
    }

    private Record nextOfColumns() throws IOException {
        if (table == null) {
            readColumns();
        }
        if (records == rowCount) {
            return null;
        }
        Object[] values = new Object[table.size()];
        for (int c = 0; c < values.length; c++) {
            Column column = table.get(c);
            values[c] = column == null ? null : column.get((int) records);
        }
        records++;
        return new FrozenRecord(records, -1, values);
    }

    private void readColumns() throws IOException {
        table = new ArrayList<>();
        String first = null;
        rowCount = -1;
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            long line = line();
            boolean kept = columns.reads(field);
            if (kept && columns.indexOf(field) >= 0) {
                throw new InputError(name, line, -1, field, "the object of columns has the field \"" + field
                        + "\" twice (which one holds the values?)").unrecoverable();
            }
            int c = columns.add(field);
            JsonToken v = parser.nextToken();
            if (v != JsonToken.START_ARRAY) {
                throw new InputError(name, line, -1, field, "in an object of columns each field must be a list, found "
                        + JsonValues.describe(v)).unrecoverable();
            }
            Column column = kept ? new Column() : null;
            long n = 0;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (column != null) {
                    column.add(t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                            ? JsonValues.number(parser) : JsonValues.read(parser));
                } else {
                    parser.skipChildren();
                }
                n++;
            }
            if (rowCount >= 0 && n != rowCount) {
                throw new InputError(name, line, -1, field, "the column has " + n + " values, column \"" + first
                        + "\" has " + rowCount).unrecoverable();
            }
            if (rowCount < 0) {
                rowCount = n;
                first = field;
            }
            while (table.size() <= c) {
                table.add(null);
            }
            table.set(c, column);
        }
        rowCount = Math.max(rowCount, 0);
        endOfDocument("object");
    }

    @Override
    public List<String> columns() {
        return columns.names();
    }

    @Override
    public int columnIndex(String column) {
        return columns.indexOf(column);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** One column of the columns form: doubles in blocks while every value is a number, else objects. */
    private static final class Column {
        private static final int BLOCK = 1 << 16;

        private final List<double[]> blocks = new ArrayList<>();
        private final BitSet nulls = new BitSet();
        private List<Object> objects;
        private int size;

        void add(Object v) {
            if (objects == null && (v instanceof Double || v == JsonValues.NULL)) {
                if (size % BLOCK == 0) {
                    blocks.add(new double[BLOCK]);
                }
                if (v == JsonValues.NULL) {
                    nulls.set(size);
                } else {
                    blocks.get(size / BLOCK)[size % BLOCK] = (Double) v;
                }
                size++;
                return;
            }
            if (objects == null) {
                List<Object> boxed = new ArrayList<>(size + 1);
                for (int i = 0; i < size; i++) {
                    boxed.add(get(i));
                }
                objects = boxed;
                blocks.clear();
            }
            objects.add(v == JsonValues.NULL ? null : v);
            size++;
        }

        Object get(int row) {
            if (objects != null) {
                return objects.get(row);
            }
            return nulls.get(row) ? null : blocks.get(row / BLOCK)[row % BLOCK];
        }
    }
}
