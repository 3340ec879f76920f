package io.losskit.cli.input;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens an input file (or standard input, "-") as a {@link RecordSource}. */
public final class Inputs {

    private Inputs() {
    }

    /** Opens {@code file}, which holds every role it is read for. */
    public static RecordSource open(String file, InputFormat format, InputStream stdin) throws IOException {
        return open(file, format, stdin, null);
    }

    /**
     * Opens {@code file}.
     *
     * @param format the format, or null to take it from the extension (or, for standard input,
     *     from the first bytes: the magic of .npy, Arrow IPC (and of a zip or Parquet, refused: .npz and .parquet need a file), {@code [} JSON,
     *     <code>{</code> JSON Lines, otherwise CSV, or TSV when
     *     the first line has tabs and no commas)
     * @param stdin standard input, used for "-"
     * @param role the role a file that holds one role ({@link InputFormat#holdsOneRole()}) is given
     *     for: {@code pred} with {@code -p}, {@code target} with {@code -t}; null for a lone FILE
     */
    public static RecordSource open(String file, InputFormat format, InputStream stdin, String role) throws IOException {
        return open(file, format, stdin, role, new InputFiles(false));
    }

    /**
     * Opens {@code file} as {@link #open(String, InputFormat, InputStream, String)} does, and
     * registers it in {@code files} (its format, and its hash as it is read).
     */
    public static RecordSource open(String file, InputFormat format, InputStream stdin, String role, InputFiles files)
            throws IOException {
        boolean isStdin = file.equals("-");
        String name = isStdin ? "stdin" : file;
        InputFormat named = format != null || isStdin ? format : InputFormat.fromFileName(file);
        if (named != null && named.needsFile()) {
            if (isStdin) {
                throw needsFile(named);
            }
            Path path = existing(file);
            files.opened(name, path, null);
            files.format(named);
            return named == InputFormat.NPZ ? new NpzSource(name, path) : FormatReaders.of(named).open(name, path, null);
        }
        InputStream raw;
        if (isStdin) {
            raw = stdin;
        } else {
            Path path = existing(file);
            try {
                // java.io's stream rather than Files.newInputStream: its classes are loaded already at start-up, a channel's are not
                raw = new FileInputStream(path.toFile());
            } catch (IOException e) {
                throw InputError.inFile(file, "cannot open: " + e.getMessage());
            }
        }
        raw = files.opened(name, isStdin ? null : Path.of(file), raw);
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        BufferedInputStream data = in;
        if (isGzip(in)) {
            data = new BufferedInputStream(new GzipInput(name, in), 1 << 16);
        } else if (!isStdin && file.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in.close();
            throw InputError.inFile(file, "the name ends in .gz but the file is not gzip-compressed");
        }
        InputFormat f = named;
        if (f == null && !isStdin) {
            data.close();
            throw new UsageError("cannot tell the format of " + file + " from its name; say it with --format " + FORMATS);
        }
        if (f == null) {
            f = sniff(data);
            if (f.needsFile()) {
                data.close();
                throw needsFile(f);
            }
        }
        files.format(f);
        if (f.holdsOneRole() && role == null) {
            data.close();
            throw new UsageError(name + " holds one role (" + f.id() + "): give the predictions and the targets each in a file, -p PRED -t TARGET");
        }
        switch (f) {
            case LINES:
                return new LinesSource(name, data, role);
            case NPY:
                return new NpySource(name, data, role);
            case ARROW:
                try {
                    return FormatReaders.of(f).open(name, isStdin ? null : Path.of(file), data);
                } catch (IOException | RuntimeException e) {
                    data.close();
                    throw e;
                }
            case NPZ:
            case PARQUET:
                throw new AssertionError("read from a file above");
            case CSV:
                return new CsvSource(name, data, ',', data == in && !isStdin ? Path.of(file) : null);
            case TSV:
                return new CsvSource(name, data, '\t', data == in && !isStdin ? Path.of(file) : null);
            case JSON:
                return new JsonSource(name, data);
            case JSONL:
                return new JsonlSource(name, data);
            default:
                throw new AssertionError(f);
        }
    }

    /** The ids of {@code --format}, for messages. */
    public static final String FORMATS = "csv|tsv|json|jsonl|lines|npy|npz|arrow|parquet";

    /** {@code file}, which exists and is not a directory. */
    private static Path existing(String file) {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw InputError.inFile(file, "is a directory");
        }
        if (!Files.exists(path)) {
            throw InputError.inFile(file, "no such file");
        }
        if (!Files.isReadable(path)) {
            throw InputError.inFile(file, "permission denied");
        }
        return path;
    }

    private static UsageError needsFile(InputFormat f) {
        return new UsageError("standard input (-) cannot be read as " + f.id() + ": a ." + f.id()
                + " file is read from its end, so give it as a file, not through a pipe");
    }

    /**
     * Whether {@code file} can be read in parallel chunks: a regular, uncompressed file of at
     * least {@code minSize} bytes.
     */
    public static boolean isSplittable(String file, long minSize) throws IOException {
        if (file.equals("-")) {
            return false;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || Files.size(path) < minSize) {
            return false;
        }
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), 2)) {
            return !isGzip(in);
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return GzipInput.isGzip(a, b);
    }

    private static InputFormat sniff(BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        byte[] head = in.readNBytes(1 << 15);
        in.reset();
        if (head.length >= 6 && (head[0] & 0xff) == 0x93 && head[1] == 'N' && head[2] == 'U' && head[3] == 'M' && head[4] == 'P' && head[5] == 'Y') {
            return InputFormat.NPY;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return InputFormat.NPZ;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return InputFormat.PARQUET;
        }
        // Arrow IPC: the file's magic, or a stream's first message (a continuation marker, −1)
        if (head.length >= 6 && new String(head, 0, 6, StandardCharsets.ISO_8859_1).equals("ARROW1")
                || head.length >= 4 && (head[0] & head[1] & head[2] & head[3]) == (byte) 0xff) {
            return InputFormat.ARROW;
        }
        int i = 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i < head.length && head[i] == '[') {
            return InputFormat.JSON;
        }
        if (i < head.length && head[i] == '{') {
            return InputFormat.JSONL;
        }
        boolean tab = false;
        boolean comma = false;
        for (int j = i; j < head.length && head[j] != '\n'; j++) {
            tab |= head[j] == '\t';
            comma |= head[j] == ',';
        }
        return tab && !comma ? InputFormat.TSV : InputFormat.CSV;
    }
}
