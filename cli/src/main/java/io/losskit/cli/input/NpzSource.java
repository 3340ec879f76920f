package io.losskit.cli.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A NumPy {@code .npz} archive ({@code np.savez}, stored, or {@code np.savez_compressed},
 * deflated): a zip of {@code .npy} arrays, each a column named after its entry ({@code pred.npy}
 * is the column {@code pred}), read as {@link NpySource} reads a {@code .npy}. Only the arrays
 * some role reads are opened; they must have the same number of records. A zip's directory is at
 * its end, so this needs a file, not a stream.
 */
public final class NpzSource extends ColumnarSource {

    private final ZipFile zip;
    private final List<ZipEntry> entries = new ArrayList<>();
    /** The open arrays, by column; null for a column nothing reads. Null before the first record. */
    private NpySource[] arrays;
    private long records;
    /** The arrays' length once they are open, else -1 (read by the progress line on another thread). */
    private volatile long count = -1;

    /** @throws InputError when {@code file} is not a zip archive */
    public NpzSource(String name, Path file) throws IOException {
        super(name);
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw InputError.inFile(name, "not a NumPy .npz file (not a zip archive)");
        }
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (!entry.isDirectory() && entry.getName().endsWith(".npy")) {
                columns.add(entry.getName().substring(0, entry.getName().length() - 4));
                entries.add(entry);
            }
        }
    }

    @Override
    public Record next() throws IOException {
        if (arrays == null) {
            open();
        }
        Object[] values = new Object[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] != null) {
                Record r = arrays[i].next();
                if (r == null) {
                    return null;
                }
                values[i] = r.value(0);
            }
        }
        return new FrozenRecord(++records, -1, values);
    }

    private void open() throws IOException {
        if (columns.isEmpty()) {
            throw InputError.inFile(name, "holds no .npy arrays");
        }
        // With no array a role reads, the first one still gives records, so that the binder can
        // say which arrays there are.
        boolean none = columns.stream().noneMatch(reads);
        arrays = new NpySource[columns.size()];
        NpySource first = null;
        for (int i = 0; i < arrays.length; i++) {
            if (none ? i > 0 : !reads.test(columns.get(i))) {
                continue;
            }
            NpySource a = new NpySource(name, new BufferedInputStream(zip.getInputStream(entries.get(i)), 1 << 16), columns.get(i));
            arrays[i] = a;
            if (first == null) {
                first = a;
            } else if (a.records() != first.records()) {
                throw InputError.inFile(name, "array " + first.column + " has " + first.records() + " records, array "
                        + a.column + " has " + a.records() + ": the arrays' first axes must have the same length");
            }
        }
        count = first.records();
    }

    @Override
    public long recordCount() {
        return count;
    }

    @Override
    public void close() throws IOException {
        if (arrays != null) {
            for (NpySource a : arrays) {
                if (a != null) {
                    a.close();
                }
            }
        }
        zip.close();
    }
}
