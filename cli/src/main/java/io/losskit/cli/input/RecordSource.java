package io.losskit.cli.input;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A stream of records from one input (or two aligned or joined inputs). */
public interface RecordSource extends Closeable {

    /** The file name for messages ("stdin" for standard input). */
    String name();

    /**
     * The next record, or {@code null} at the end.
     *
     * @throws InputError when the record is malformed
     */
    Record next() throws IOException;

    /**
     * The column names known so far: the header of CSV/TSV, the fields seen in the first record
     * of JSON (call after the first {@link #next()}).
     */
    List<String> columns();

    /**
     * Tells the source, before the first {@link #next()}, which columns (by name) anything will
     * read: it may drop the others' values (the columns form of JSON keeps only these in memory),
     * and a JSON object that names one of these twice is an error. Without a call, every column
     * is read.
     */
    default void readsOnly(java.util.function.Predicate<String> columns) {
    }

    /**
     * How many records it holds, when its header or footer says so before they are read (.npy,
     * .npz, Parquet), else -1; read from another thread (for the progress line's percent).
     */
    default long recordCount() {
        return -1;
    }

    /** Whether the columns come from a header row (CSV/TSV) rather than from the records (JSON). */
    default boolean hasHeader() {
        return false;
    }

    /** The index of the column named {@code name}, or −1. */
    int columnIndex(String name);

    /**
     * The index of the column named {@code name} to read role {@code role} from; differs from
     * {@link #columnIndex} only for two-file inputs, where the target comes from the target file.
     */
    default int columnIndexFor(String role, String name) {
        return columnIndex(name);
    }

    /** What the reader noticed that is worth telling but did not stop it, once it has been read to the end. */
    default List<String> warnings() {
        return List.of();
    }

    /** The file a column comes from (differs only for two-file inputs). */
    default String fileOf(int column) {
        return name();
    }

    /**
     * The record, of the file that {@code column} comes from, that {@code record} holds: itself,
     * except for two-file inputs, whose records pair a record of each file (with its own line).
     */
    default Record origin(Record record, int column) {
        return record;
    }
}
