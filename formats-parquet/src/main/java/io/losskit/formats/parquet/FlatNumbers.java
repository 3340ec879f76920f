package io.losskit.formats.parquet;

import io.losskit.cli.input.Cells;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The fast path of a column of plain numbers (double, float, int32, int64; required or optional,
 * not in a list) whose chunk uses only the encodings the reference writers give numbers: plain or
 * dictionary values, RLE definition levels. A page at a time is decoded, straight from its
 * decompressed bytes ({@link ChunkPages#next()}) and without parquet-column's classes, into an
 * array, so a row costs an array read instead of parquet-column's per-value calls; any other chunk
 * goes through {@link Values}, with the same results.
 */
final class FlatNumbers {

    private static final Set<Encoding> FAST = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY,
            Encoding.RLE, Encoding.BIT_PACKED);

    private final Shape shape;
    private ChunkPages pages;
    /** The chunk's dictionary, in its first {@link #dictionarySize} places, or null. */
    private double[] dictionary;
    private int dictionarySize;
    private double[] values = new double[0];
    private boolean[] present = new boolean[0];
    private int[] ints = new int[0];
    /** How many of the current page's values are present. */
    private int presentCount;
    private final HybridInts hybrid = new HybridInts();
    private int at;
    private int count;
    /** The value of the row {@link #next()} read, when it has one. */
    double value;

    /** Whether a chunk of this shape, with these encodings (its metadata's), takes the fast path. */
    static boolean fits(Shape shape, List<Encoding> encodings) {
        if (!fits(shape)) {
            return false;
        }
        for (Encoding e : encodings) {
            if (!FAST.contains(e)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a column of this shape is plain numbers (whose chunks take the fast path when their encodings do). */
    static boolean fits(Shape shape) {
        if (shape.repeats != 0 || shape.maxDef > 1) {
            return false;
        }
        return switch (shape.leaf) {
            case DOUBLE, FLOAT, INT32, UINT32, INT64, UINT64 -> true;
            default -> false;
        };
    }

    /** A column's fast path, for its chunks in turn ({@link #open}), through the same arrays. */
    FlatNumbers(Shape shape) {
        this.shape = shape;
    }

    /** Reads {@code chunk} from its first row on (its dictionary now, its pages as the rows are read). */
    FlatNumbers open(ChunkPages chunk) {
        pages = chunk;
        at = 0;
        count = 0;
        byte[] d = chunk.dictionary();
        if (d != null) {
            dictionarySize = chunk.dictionaryValues();
            if (dictionarySize < 0) {
                throw new ParquetDecodingException("a dictionary of " + dictionarySize + " values");
            }
            if (dictionary == null || dictionary.length < dictionarySize) {
                dictionary = new double[dictionarySize];
            }
            plain(d, 0, chunk.dictionaryLength(), dictionary, dictionarySize);
        } else {
            dictionarySize = -1;
        }
        return this;
    }

    /**
     * Reads the next row: true with its number in {@link #value}, false for a null.
     *
     * @throws ParquetDecodingException when the pages are malformed or end before the rows do
     */
    boolean next() {
        if (at == count) {
            page();
        }
        int i = at++;
        value = values[i];
        return present[i];
    }

    /**
     * The rows of the current page not read yet, at least one (the next page is decoded once this
     * one is read).
     *
     * @throws ParquetDecodingException as {@link #next()}
     */
    int ready() {
        if (at == count) {
            page();
        }
        return count - at;
    }

    /**
     * How many of the next {@code n} rows ({@code n} at most {@link #ready()}) hold a finite number,
     * and an integer when {@code integral} (a column of class indices).
     */
    int finite(int n, boolean integral) {
        for (int i = 0; i < n; i++) {
            int j = at + i;
            if (!present[j] || values[j] - values[j] != 0 || integral && !Cells.isIntegral(values[j])) {
                return i;
            }
        }
        return n;
    }

    /** Copies the numbers of the next {@code n} rows (counted by {@link #finite}) into {@code out}, and moves past them. */
    void take(double[] out, int n) {
        System.arraycopy(values, at, out, 0, n);
        at += n;
    }

    private void page() {
        try {
            if (!pages.next()) {
                throw new ParquetDecodingException("the column has fewer values than the row group has rows");
            }
            byte[] data = pages.data;
            int end = pages.length;
            int n;
            int from;
            Encoding encoding;
            if (!pages.v2) {
                DataPageHeader h = pages.header.data_page_header;
                n = h.num_values;
                from = 0;
                if (shape.maxDef == 1) {
                    if (h.definition_level_encoding != Encoding.RLE) {
                        throw new ParquetDecodingException("definition levels encoded " + h.definition_level_encoding);
                    }
                    if (end < 4) {
                        throw new ParquetDecodingException("a page of " + end + " bytes without its levels' length");
                    }
                    int length = (data[0] & 0xff) | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 24;
                    if (length < 0 || length > end - 4) {
                        throw new ParquetDecodingException("definition levels of " + length + " bytes in a page of " + end);
                    }
                    from = 4 + length;
                }
                sized(n);
                levels(data, 4, from, n);
                encoding = h.encoding;
            } else {
                DataPageHeaderV2 h = pages.header.data_page_header_v2;
                n = h.num_values;
                int rl = h.repetition_levels_byte_length;
                from = rl + h.definition_levels_byte_length;
                sized(n);
                levels(data, rl, from, n);
                encoding = h.encoding;
            }
            if (encoding == Encoding.PLAIN) {
                plain(data, from, end, values, presentCount);
            } else if (encoding == Encoding.RLE_DICTIONARY || encoding == Encoding.PLAIN_DICTIONARY) {
                if (dictionarySize < 0) {
                    throw new ParquetDecodingException("a dictionary-encoded page without a dictionary");
                }
                if (from >= end) {
                    throw new ParquetDecodingException("a dictionary-encoded page without its indices' width");
                }
                if (ints.length < presentCount) {
                    ints = new int[presentCount];
                }
                hybrid.reset(data, from + 1, end, data[from] & 0xff).read(ints, presentCount);
                lookUp(presentCount);
            } else {
                throw new ParquetDecodingException("values encoded " + encoding + ", which the column's metadata does not list");
            }
            spread(n);
            at = 0;
            count = n;
        } catch (IOException | RuntimeException e) {
            throw e instanceof ParquetDecodingException pe ? pe : new ParquetDecodingException(e.getMessage(), e);
        }
    }

    private void sized(int n) {
        if (n < 0) {
            throw new ParquetDecodingException("a page of " + n + " values");
        }
        if (values.length < n) {
            values = new double[n];
            present = new boolean[n];
        }
    }

    /** The definition levels (0 or 1) of a page's {@code n} values, from {@code data[from..to)}, into {@link #present}; all present when the column is required. */
    private void levels(byte[] data, int from, int to, int n) {
        if (shape.maxDef == 1) {
            presentCount = hybrid.reset(data, from, to, 1).flags(present, n, 1);
        } else {
            Arrays.fill(present, 0, n, true);
            presentCount = n;
        }
    }

    /** The dictionary's values of the {@code m} indices in {@link #ints}, into {@link #values}. */
    private void lookUp(int m) {
        for (int k = 0; k < m; k++) {
            int id = ints[k];
            if (id < 0 || id >= dictionarySize) {
                throw new ParquetDecodingException("dictionary index " + id + " of " + dictionarySize);
            }
            values[k] = dictionary[id];
        }
    }

    /** Moves the {@link #presentCount} values decoded at the start of {@link #values} to the rows that hold them (a null reads as 0). */
    private void spread(int n) {
        if (presentCount == n) {
            return;
        }
        for (int i = n - 1, k = presentCount - 1; i >= 0; i--) {
            values[i] = present[i] ? values[k--] : 0;
        }
    }

    /** {@code n} plain-encoded values of the leaf's type from {@code bytes[from..to)} (little-endian). */
    private void plain(byte[] bytes, int from, int to, double[] out, int n) {
        int size = switch (shape.leaf) {
            case DOUBLE, INT64, UINT64 -> 8;
            default -> 4;
        };
        if (to - from < (long) n * size) {
            throw new ParquetDecodingException("a page holds " + (to - from) + " bytes of values, " + n + " values need " + (long) n * size);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, from, to - from).slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (shape.leaf) {
            // a bulk copy (memcpy on a little-endian machine), fast from the first page on, before any JIT
            case DOUBLE -> b.asDoubleBuffer().get(out, 0, n);
            case FLOAT -> {
                FloatBuffer v = b.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = v.get(i);
                }
            }
            case INT32 -> {
                IntBuffer v = b.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = v.get(i);
                }
            }
            case UINT32 -> {
                IntBuffer v = b.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = Integer.toUnsignedLong(v.get(i));
                }
            }
            case INT64 -> {
                LongBuffer v = b.asLongBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = v.get(i);
                }
            }
            default -> {
                LongBuffer v = b.asLongBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = Values.unsigned(v.get(i));
                }
            }
        }
    }
}
