package io.losskit.cli.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * JSON Lines: one object per line. Each line is parsed on its own, so a malformed line is
 * reported with its number (and can be skipped with {@code --on-invalid skip}). Blank lines are
 * skipped.
 */
public final class JsonlSource implements RecordSource {

    private final String name;
    private final BufferedReader in;
    private final ColumnTable columns = new ColumnTable();
    private long line;
    private long records;

    public JsonlSource(String name, BufferedReader in) {
        this.name = name;
        this.in = in;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void readsOnly(Predicate<String> read) {
        columns.readsOnly(read);
    }

    @Override
    public Record next() throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
        } while (text.isBlank());
        records++;
        try (JsonParser p = JsonValues.FACTORY.createParser(text)) {
            try {
                JsonToken first = p.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    throw new InputError(name, line, records, null, "expected a JSON object, found " + JsonValues.describe(first));
                }
                Object[] values = columns.readObject(p);
                if (columns.duplicate() != null) {
                    throw new InputError(name, line, records, columns.duplicate(), ColumnTable.duplicateProblem(columns.duplicate()));
                }
                if (p.nextToken() != null) {
                    throw new InputError(name, line, records, null, "text after the JSON object (one object per line)");
                }
                return new FrozenRecord(records, line, values);
            } catch (JsonProcessingException e) {
                throw new InputError(name, line, records, JsonValues.fieldAt(p, 1), JsonValues.problem(e));
            }
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
        in.close();
    }
}
