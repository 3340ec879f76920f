package io.losskit.cli.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.losskit.cli.InputError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON document: an array of objects (streamed, one record per object) or one object of
 * equal-length arrays (columns; read whole, since its rows are spread over the document).
 */
public final class JsonSource implements RecordSource {

    private final String name;
    private final JsonParser parser;
    private final ColumnTable columns = new ColumnTable();
    private final boolean rows;
    private long records;
    // columns form
    private Object[][] table;
    private int rowCount;

    public JsonSource(String name, InputStream in) throws IOException {
        this.name = name;
        this.parser = JsonValues.FACTORY.createParser(in);
        try {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                rows = true;
            } else if (first == JsonToken.START_OBJECT) {
                rows = false;
                readColumns();
            } else {
                throw InputError.inFile(name, "expected a JSON array of objects or an object of columns");
            }
        } catch (JsonProcessingException e) {
            throw malformed(e, -1);
        }
    }

    private InputError malformed(JsonProcessingException e, long record) {
        JsonLocation at = e.getLocation();
        return new InputError(name, at == null ? -1 : at.getLineNr(), record, null,
                "malformed JSON: " + e.getOriginalMessage()).unrecoverable();
    }

    private void readColumns() throws IOException {
        List<Object[]> cols = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            int c = columns.add(field);
            parser.nextToken();
            Object v = JsonValues.read(parser);
            Object[] cells = asCells(v);
            if (cells == null) {
                throw new InputError(name, -1, -1, field, "in an object of columns, each field must be an array");
            }
            if (c > 0 && cells.length != cols.get(0).length) {
                throw new InputError(name, -1, -1, field, "the column has " + cells.length
                        + " values, column \"" + columns.names().get(0) + "\" has " + cols.get(0).length);
            }
            cols.add(cells);
        }
        rowCount = cols.isEmpty() ? 0 : cols.get(0).length;
        table = cols.toArray(new Object[0][]);
    }

    private static Object[] asCells(Object v) {
        if (v instanceof double[] d) {
            Object[] cells = new Object[d.length];
            for (int i = 0; i < d.length; i++) {
                cells[i] = d[i];
            }
            return cells;
        }
        if (v instanceof double[][] m) {
            return m.clone();
        }
        if (v instanceof Object[] o) {
            Object[] cells = o.clone();
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i] == JsonValues.NULL ? null : cells[i];
            }
            return cells;
        }
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Record next() throws IOException {
        if (!rows) {
            if (records == rowCount) {
                return null;
            }
            Object[] values = new Object[table.length];
            for (int c = 0; c < table.length; c++) {
                values[c] = table[c][(int) records];
            }
            records++;
            return new FrozenRecord(records, -1, values);
        }
        long number = records + 1;
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                return null;
            }
            records = number;
            long line = parser.currentTokenLocation().getLineNr();
            if (t != JsonToken.START_OBJECT) {
                throw new InputError(name, line, records, null, "expected a JSON object, found " + t);
            }
            return new FrozenRecord(records, line, columns.readObject(parser));
        } catch (JsonProcessingException e) {
            throw malformed(e, number);
        }
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
}
