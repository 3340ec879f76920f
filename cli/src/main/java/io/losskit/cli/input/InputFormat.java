package io.losskit.cli.input;

import java.util.Locale;

/** The formats {@code score} reads. */
public enum InputFormat {
    CSV, TSV, JSON, JSONL,
    /** Plain text, one string per line ({@code .txt}). */
    LINES,
    /** A NumPy array ({@code .npy}). */
    NPY,
    /** NumPy arrays in a zip ({@code .npz}), one per column. */
    NPZ,
    /** Arrow IPC: the file format ({@code .arrow}, Feather v2 {@code .feather}) or the stream format ({@code .arrows}). */
    ARROW,
    /** Apache Parquet ({@code .parquet}). */
    PARQUET;

    /**
     * The format a file name's extension says ({@code .csv}, {@code .tsv}, {@code .json},
     * {@code .jsonl}/{@code .ndjson}, {@code .txt}, {@code .npy}, {@code .npz}, {@code .arrow}/{@code .feather}/{@code .arrows}, {@code .parquet}, each optionally {@code .gz}), or null.
     */
    public static InputFormat fromFileName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".tsv") || n.endsWith(".tab")) {
            return TSV;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return JSONL;
        }
        if (n.endsWith(".json")) {
            return JSON;
        }
        if (n.endsWith(".txt")) {
            return LINES;
        }
        if (n.endsWith(".npy")) {
            return NPY;
        }
        if (n.endsWith(".npz")) {
            return NPZ;
        }
        if (n.endsWith(".arrow") || n.endsWith(".feather") || n.endsWith(".arrows")) {
            return ARROW;
        }
        if (n.endsWith(".parquet")) {
            return PARQUET;
        }
        return null;
    }

    /** Whether a file of this format holds a single role, named by the side it is given on ({@code -p}/{@code -t}). */
    public boolean holdsOneRole() {
        return this == LINES || this == NPY;
    }

    /** Whether the format is read from its end (a zip's directory, a Parquet footer), so only from a file, not from standard input. */
    public boolean needsFile() {
        return this == NPZ || this == PARQUET;
    }

    /** The id users type with {@code --format}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
