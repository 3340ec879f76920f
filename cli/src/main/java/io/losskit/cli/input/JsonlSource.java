package io.losskit.cli.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * JSON Lines: one object per line. Each line is parsed on its own, so a malformed line is
 * reported with its number (and can be skipped with {@code --on-invalid skip}). Blank lines are
 * skipped. Lines are cut from the bytes and each is parsed from them (no string per line); a line
 * ends at LF or CRLF.
 */
public final class JsonlSource implements RecordSource {

    private final String name;
    private final InputStream in;
    private final ColumnTable columns = new ColumnTable();
    private long line;
    private long records;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    // the current line: buf[lineStart..lineEnd)
    private int lineStart;
    private int lineEnd;

    public JsonlSource(String name, InputStream in) {
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
        do {
            if (!nextLine()) {
                return null;
            }
            line++;
        } while (isBlank());
        records++;
        try (JsonParser p = JsonValues.FACTORY.createParser(buf, lineStart, lineEnd - lineStart)) {
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

    /** Finds the next line (its break excluded); false at the end of the input. */
    private boolean nextLine() throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i < limit; i++) {
                if (buf[i] == '\n') {
                    lineStart = pos;
                    lineEnd = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos == limit) {
                    return false;
                }
                lineStart = pos;
                lineEnd = limit;
                pos = limit;
                return true;
            }
            from = limit - pos;
            fill();
        }
    }

    /** Moves the unread bytes to the front (growing the buffer when a line fills it) and reads more. */
    private void fill() throws IOException {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private boolean isBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (!Character.isWhitespace(buf[i])) {
                return false;
            }
        }
        return true;
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
