package io.losskit.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV and TSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF), read
 * straight from bytes: a record is found and split in one pass over a large buffer, and numbers
 * are parsed from the bytes without making strings. Records are split eight bytes at a time (a
 * word compared with the delimiter, line break and quote at once); only records that contain a
 * quote take the slower unquoting path. Blank lines are skipped. For the columnar path
 * ({@link #nextBatch}) the cells of plain numbers go straight into arrays.
 */
public final class CsvSource implements SplittableSource, SplittableSource.PartSource, NumberBatches {

    private static final int INITIAL_BUFFER = 1 << 20;
    private static final int MIN_BUFFER = 1 << 12;
    private static final long ONES = 0x0101010101010101L;
    private static final long NEWLINES = '\n' * ONES;
    private static final long QUOTES = '"' * ONES;
    /** What {@link #scanPlain()} returns for a record with a quote in it. */
    private static final int QUOTED = -2;

    private final String name;
    /** The file, when it can be cut into parts (a regular, uncompressed one); else null. */
    private final Path file;
    private final InputStream in;
    private final byte delimiter;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();

    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    /** The offset in the file of buf[0]. */
    private long bufferOffset;
    /** For a chunk: records that start at or after this offset belong to the next chunk; else −1. */
    private final long end;
    private long stoppedAt = -1;
    private long dataStart;
    private long headerLines;
    private long nextLine = 1;
    private long records;
    /** The bytes of its records consumed so far, as of the last refill (read by the progress line on another thread). */
    private volatile long consumed;

    // The current record: field i is bytes[starts[i]..ends[i]).
    private byte[] bytes;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int fieldCount;
    private long recordLine;
    private byte[] scratch = new byte[256];
    private final CsvRecord current = new CsvRecord();
    // The cells of the current record that isList() found to be plain numbers, and their values:
    // number() then need not read them again. A cell's entry holds for the record numbered parsedIn[c].
    private double[] parsed;
    private long[] parsedIn;
    /** Whether {@link #nextBatch} has read the current record and left it to {@link #next()}. */
    private boolean pending;
    /** What {@link #nextBatch} met reading the next record, for {@link #next()} to throw; or null. */
    private InputError pendingError;

    public CsvSource(String name, InputStream in, char delimiter) throws IOException {
        this(name, in, delimiter, null);
    }

    /** A source of {@code in}, which reads {@code file} (null when it is not a plain file that {@link #split} can cut). */
    CsvSource(String name, InputStream in, char delimiter, Path file) throws IOException {
        this.name = name;
        this.file = file;
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.end = -1;
        // a small file gets a buffer of its size: each page of memory first touched costs start-up time
        this.buf = new byte[file == null ? INITIAL_BUFFER : (int) Math.max(MIN_BUFFER, Math.min(INITIAL_BUFFER, Files.size(file) + 1))];
        fill();
        if (limit - pos >= 3 && buf[pos] == (byte) 0xEF && buf[pos + 1] == (byte) 0xBB && buf[pos + 2] == (byte) 0xBF) {
            pos += 3;
        }
        if (!readRecord()) {
            throw InputError.inFile(name, "the file is empty (a header row is needed)");
        }
        List<String> names = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            String n = new String(bytes, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8).trim();
            names.add(n);
            Integer before = index.putIfAbsent(n, i);
            if (before != null) {
                throw new InputError(name, recordLine, -1, n, "the header names this column twice (columns "
                        + (before + 1) + " and " + (i + 1) + "): which one is meant?").unrecoverable();
            }
        }
        header = List.copyOf(names);
        parsed = new double[header.size()];
        parsedIn = new long[header.size()];
        dataStart = bufferOffset + pos;
        headerLines = nextLine - 1;
    }

    /**
     * A chunk of a file whose header another source has read: the records that start in
     * [{@code start}, {@code end}), read from {@code in}, which is positioned at {@code start}.
     * Lines and records are numbered from 1 within the chunk.
     */
    private CsvSource(String name, InputStream in, char delimiter, List<String> header, long start, long end)
            throws IOException {
        this.name = name;
        this.file = null;
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.header = header;
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        this.parsed = new double[header.size()];
        this.parsedIn = new long[header.size()];
        this.end = end;
        this.buf = new byte[INITIAL_BUFFER];
        this.bufferOffset = start;
        this.dataStart = start;
        fill();
    }

    /** A source over the records that start in [{@code start}, {@code end}) of the same file. */
    CsvSource chunk(InputStream in, long start, long end) throws IOException {
        return new CsvSource(name, in, (char) delimiter, header, start, end);
    }

    @Override
    public List<CsvChunks.Chunk> split(int n) throws IOException {
        return file == null ? List.of() : CsvChunks.split(file, this, dataStart, n);
    }

    @Override
    public long headerLines() {
        return headerLines;
    }

    @Override
    public long bytes() {
        return end < 0 ? 0 : end - dataStart;
    }

    @Override
    public long bytesRead() {
        return Math.min(consumed, bytes());
    }

    @Override
    public long linesRead() {
        return nextLine - 1;
    }

    @Override
    public boolean endedAtCut() {
        return end < 0 || stoppedAt == end;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> columns() {
        return header;
    }

    @Override
    public boolean hasHeader() {
        return true;
    }

    @Override
    public int columnIndex(String column) {
        return index.getOrDefault(column, -1);
    }

    @Override
    public Record next() throws IOException {
        if (pendingError != null) {
            InputError e = pendingError;
            pendingError = null;
            throw e;
        }
        if (!pending && !readRecord()) {
            return null;
        }
        pending = false;
        records++;
        if (fieldCount != header.size()) {
            throw new InputError(name, recordLine, records, null, "the record has " + fieldCount
                    + " fields, the header has " + header.size());
        }
        return current;
    }

    /** Any columns, keyed or not: a cell that is not a plain number leaves its record to {@link #next()}. */
    @Override
    public boolean batches(int[] columns, boolean keyed) {
        return true;
    }

    @Override
    public int nextBatch(ColumnBatch batch) throws IOException {
        int n = 0;
        batch.firstNumber = records + 1;
        if (!pending && pendingError == null) {
            int width = header.size();
            int capacity = batch.capacity();
            while (n < capacity) {
                try {
                    if (!readRecord()) {
                        break;
                    }
                } catch (InputError e) {
                    pendingError = e;
                    break;
                }
                if (fieldCount != width || !numbers(batch, n)) {
                    pending = true;
                    break;
                }
                if (batch.keyColumn >= 0) {
                    batch.key(n, bytes, starts[batch.keyColumn], ends[batch.keyColumn]);
                }
                batch.lines[n++] = recordLine;
                records++;
            }
        }
        batch.size = n;
        return n;
    }

    /**
     * Stores the current record's cells of {@code batch}'s columns as its row {@code row}: false
     * when one is no plain finite number, or no integer in a column of class indices.
     */
    private boolean numbers(ColumnBatch batch, int row) {
        int[] columns = batch.columns;
        for (int k = 0; k < columns.length; k++) {
            int c = columns[k];
            // what Numbers.parse gives a cell without surrounding blanks, or NaN, which leaves the cell to it
            double v = Numbers.plain(bytes, starts[c], ends[c]);
            if (v - v != 0 || batch.integral[k] && !Cells.isIntegral(v)) {
                return false;
            }
            batch.values[k][row] = v;
        }
        return true;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            bufferOffset += pos;
            pos = 0;
            consumed = bufferOffset - dataStart;
        }
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

    /** Reads the next non-blank record into the current-record fields; false at the end. */
    private boolean readRecord() throws IOException {
        while (true) {
            if (pos >= limit) {
                if (eof) {
                    stoppedAt = bufferOffset + limit;
                    return false;
                }
                fill();
                continue;
            }
            byte b = buf[pos];
            if (b == '\n') {
                pos++;
                nextLine++;
                continue;
            }
            if (b == '\r' && (pos + 1 < limit && buf[pos + 1] == '\n')) {
                pos += 2;
                nextLine++;
                continue;
            }
            if (b == '\r' && pos + 1 >= limit && !eof) {
                fill();
                continue;
            }
            break;
        }
        if (end >= 0 && bufferOffset + pos >= end) {
            stoppedAt = bufferOffset + pos;
            return false;
        }
        recordLine = nextLine;
        while (true) {
            int end = scan();
            if (end >= 0) {
                return true;
            }
            if (eof) {
                if (pos < limit) {
                    // last record without a line break
                    splitPlain(pos, limit, true);
                    pos = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    /**
     * Scans from {@code pos} for the end of the record. On success splits it, advances
     * {@code pos} past the line break and returns the record's end; returns −1 when the buffer
     * ends first (nothing is consumed).
     */
    private int scan() {
        int plain = scanPlain();
        if (plain != QUOTED) {
            return plain;
        }
        final byte[] b = buf;
        final byte d = delimiter;
        int n = 0;
        int fieldStart = pos;
        boolean quoted = false;
        boolean inQuotes = false;
        // where the last quote closed: a quote right after it is an escaped (doubled) quote
        int closedAt = -1;
        int newlinesInQuotes = 0;
        int openedField = 0;
        int openedAfterNewlines = 0;
        for (int i = pos; i < limit; i++) {
            byte c = b[i];
            if (c == '"') {
                // a quote opens a quoted field only at the field's start (as RFC 4180 and Python's
                // csv module read it); elsewhere it is a character of the field
                if (inQuotes) {
                    inQuotes = false;
                    closedAt = i;
                } else if (i == fieldStart) {
                    inQuotes = true;
                    openedField = n;
                    openedAfterNewlines = newlinesInQuotes;
                } else if (closedAt == i - 1) {
                    inQuotes = true;
                }
                quoted = true;
            } else if (inQuotes) {
                if (c == '\n') {
                    newlinesInQuotes++;
                }
            } else if (c == d) {
                if (n == starts.length) {
                    grow();
                }
                starts[n] = fieldStart;
                ends[n] = i;
                n++;
                fieldStart = i + 1;
            } else if (c == '\n') {
                int end = i > pos && b[i - 1] == '\r' ? i - 1 : i;
                int recordStart = pos;
                if (quoted) {
                    splitQuoted(recordStart, end);
                } else {
                    if (n == starts.length) {
                        grow();
                    }
                    starts[n] = fieldStart;
                    ends[n] = end;
                    fieldCount = n + 1;
                    bytes = b;
                }
                pos = i + 1;
                nextLine += 1 + newlinesInQuotes;
                return end;
            }
        }
        if (eof && inQuotes) {
            // the field would run to the end of the file, swallowing every line after it
            boolean inHeader = header == null;
            String column = !inHeader && openedField < header.size() ? header.get(openedField) : null;
            throw new InputError(name, recordLine + openedAfterNewlines, inHeader ? -1 : records + 1, column,
                    "a quoted field opens here and is never closed (its closing \" is missing)").unrecoverable();
        }
        if (eof && quoted) {
            int end = limit > pos && b[limit - 1] == '\r' ? limit - 1 : limit;
            splitQuoted(pos, end);
            nextLine += newlinesInQuotes;
            pos = limit;
            return end;
        }
        return -1;
    }

    /**
     * {@link #scan()} for a record without quotes, eight bytes at a time; {@link #QUOTED} as soon as
     * it meets a quote (nothing is consumed then, nor when it returns −1).
     */
    private int scanPlain() {
        final byte[] b = buf;
        final byte d = delimiter;
        final long delimiters = (d & 0xFFL) * ONES;
        final int words = limit - Long.BYTES;
        int n = 0;
        int fieldStart = pos;
        int i = pos;
        while (true) {
            int at;
            if (i <= words) {
                long word = (long) Numbers.LONGS.get(b, i);
                long hits = zeroBytes(word ^ delimiters) | zeroBytes(word ^ NEWLINES) | zeroBytes(word ^ QUOTES);
                if (hits == 0) {
                    i += Long.BYTES;
                    continue;
                }
                at = i + (Long.numberOfTrailingZeros(hits) >>> 3);
            } else {
                at = i;
                while (at < limit && b[at] != d && b[at] != '\n' && b[at] != '"') {
                    at++;
                }
                if (at == limit) {
                    return -1;
                }
            }
            byte c = b[at];
            if (n == starts.length) {
                grow();
            }
            if (c == d) {
                starts[n] = fieldStart;
                ends[n] = at;
                n++;
                fieldStart = at + 1;
                i = at + 1;
            } else if (c == '\n') {
                int end = at > pos && b[at - 1] == '\r' ? at - 1 : at;
                starts[n] = fieldStart;
                ends[n] = end;
                fieldCount = n + 1;
                bytes = b;
                pos = at + 1;
                nextLine++;
                return end;
            } else {
                return QUOTED;
            }
        }
    }

    /**
     * The high bit of each zero byte of {@code x} set: exact for the lowest zero byte (above it a
     * 0x01 byte may be flagged too, so callers use the lowest only).
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & (ONES << 7);
    }

    private void splitPlain(int from, int to, boolean trimCr) {
        if (trimCr && to > from && buf[to - 1] == '\r') {
            to--;
        }
        int n = 0;
        int fieldStart = from;
        for (int i = from; i < to; i++) {
            if (buf[i] == delimiter) {
                if (n == starts.length) {
                    grow();
                }
                starts[n] = fieldStart;
                ends[n] = i;
                n++;
                fieldStart = i + 1;
            }
        }
        if (n == starts.length) {
            grow();
        }
        starts[n] = fieldStart;
        ends[n] = to;
        fieldCount = n + 1;
        bytes = buf;
    }

    /** Splits a record that contains quotes, unquoting its fields into the scratch buffer. */
    private void splitQuoted(int from, int to) {
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, scratch.length * 2)];
        }
        int out = 0;
        int n = 0;
        int i = from;
        while (true) {
            if (n == starts.length) {
                grow();
            }
            starts[n] = out;
            if (i < to && buf[i] == '"') {
                i++;
                while (i < to) {
                    if (buf[i] == '"') {
                        if (i + 1 < to && buf[i + 1] == '"') {
                            scratch[out++] = '"';
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        scratch[out++] = buf[i++];
                    }
                }
                // text after the closing quote up to the delimiter is kept, as lenient readers do
                while (i < to && buf[i] != delimiter) {
                    scratch[out++] = buf[i++];
                }
            } else {
                while (i < to && buf[i] != delimiter) {
                    scratch[out++] = buf[i++];
                }
            }
            ends[n] = out;
            n++;
            if (i < to && buf[i] == delimiter) {
                i++;
                continue;
            }
            break;
        }
        fieldCount = n;
        bytes = scratch;
    }

    private void grow() {
        starts = Arrays.copyOf(starts, starts.length * 2);
        ends = Arrays.copyOf(ends, ends.length * 2);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The current record; {@link CellIndex} reads its cells' bytes. */
    final class CsvRecord implements Record {

        /** The bytes that hold cell {@code c}: {@link #bytes()}[{@link #start}..{@link #end}). */
        byte[] bytes() {
            return bytes;
        }

        int start(int c) {
            return starts[c];
        }

        int end(int c) {
            return ends[c];
        }


        @Override
        public long number() {
            return records;
        }

        @Override
        public long line() {
            return recordLine;
        }

        @Override
        public boolean has(int column) {
            return column >= 0 && column < fieldCount;
        }

        @Override
        public double number(int column) {
            if (parsedIn[column] == records) {
                return parsed[column];
            }
            return Numbers.parse(bytes, starts[column], ends[column]);
        }

        @Override
        public boolean isList(int column) {
            // a plain number is no list, and reading it now spares number() a second pass
            double v = Numbers.plain(bytes, starts[column], ends[column]);
            if (v == v) {
                parsed[column] = v;
                parsedIn[column] = records;
                return false;
            }
            return Cells.isList(bytes, starts[column], ends[column]);
        }

        @Override
        public Object value(int column) {
            return new String(bytes, starts[column], ends[column] - starts[column], StandardCharsets.UTF_8);
        }

        @Override
        public Record freeze() {
            String[] cells = new String[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                cells[i] = (String) value(i);
            }
            return new FrozenRecord(records, recordLine, cells);
        }
    }
}
