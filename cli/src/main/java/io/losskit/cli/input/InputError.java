package io.losskit.cli.input;

/**
 * Bad input (exit 3): an unreadable file, a malformed record, a missing column, an invalid value.
 * The message names the file, the line, the record and the column where they are known.
 */
public final class InputError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final long record;
    private final String column;
    private final String problem;
    private final boolean recoverable;

    public InputError(String file, long line, long record, String column, String problem) {
        this(file, line, record, column, problem, true);
    }

    private InputError(String file, long line, long record, String column, String problem, boolean recoverable) {
        super(format(file, line, record, column, problem));
        this.file = file;
        this.line = line;
        this.record = record;
        this.column = column;
        this.problem = problem;
        this.recoverable = recoverable;
    }

    /** The same error, marked as one after which the reader cannot go on (malformed JSON document). */
    public InputError unrecoverable() {
        return new InputError(file, line, record, column, problem, false);
    }

    /** The same error in a chunk that starts after {@code lines} lines and {@code records} records. */
    public InputError shifted(long lines, long records) {
        return new InputError(file, line > 0 ? line + lines : line, record > 0 ? record + records : record, column,
                problem, recoverable);
    }

    /** Whether reading can go on with the next record ({@code --on-invalid skip}). */
    public boolean recoverable() {
        return recoverable && record > 0;
    }

    /** An error about a whole file. */
    public static InputError inFile(String file, String problem) {
        return new InputError(file, -1, -1, null, problem);
    }

    private static String format(String file, long line, long record, String column, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(printable(file, MAX_QUOTED));
        }
        if (line > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("line ").append(line);
        }
        if (record > 0) {
            sb.append(line > 0 ? " (record " + record + ")" : (sb.length() > 0 ? ", " : "") + "record " + record);
        }
        if (column != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("column \"").append(printable(column, MAX_QUOTED)).append('"');
        }
        String text = printable(problem, MAX_PROBLEM);
        return sb.length() > 0 ? sb.append(": ").append(text).toString() : text;
    }

    private static final int MAX_QUOTED = 200;
    private static final int MAX_PROBLEM = 1000;

    /**
     * {@code s} safe to print on one line of a terminal: messages quote input text, which may be
     * binary (a damaged or mislabelled file), so control, format and unassigned characters and
     * the replacement character of undecodable bytes are escaped, and a long text is cut.
     */
    static String printable(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length(); ) {
            if (sb.length() >= max) {
                return sb.append('…').toString();
            }
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x100 && Character.isISOControl(c)) {
                sb.append(String.format("\\x%02x", c));
            } else if (c == 0xfffd || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        }
        return sb.toString();
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public long record() {
        return record;
    }

    public String column() {
        return column;
    }

}
