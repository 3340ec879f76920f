package io.losskit.formats.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The fast path of a column of plain numbers (double, float, int32, int64; required or optional,
 * not in a list) whose chunk uses only the encodings the reference writers give numbers: plain or
 * dictionary values, RLE definition levels. A page at a time is decoded into an array, so a row
 * costs an array read instead of parquet-column's per-value calls; any other chunk goes through
 * {@link Values}, with the same results.
 */
final class FlatNumbers {

    private static final Set<Encoding> FAST = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY,
            Encoding.RLE, Encoding.BIT_PACKED);

    private final ChunkPages pages;
    private final Shape shape;
    private final double[] dictionary;
    private double[] values = new double[0];
    private boolean[] present = new boolean[0];
    private int at;
    private int count;
    /** The value of the row {@link #next()} read, when it has one. */
    double value;

    /** Whether a chunk of this shape, with these encodings (its metadata's), takes the fast path. */
    static boolean fits(Shape shape, List<org.apache.parquet.format.Encoding> encodings) {
        if (!fits(shape)) {
            return false;
        }
        for (org.apache.parquet.format.Encoding e : encodings) {
            if (!FAST.contains(Encoding.valueOf(e.name()))) {
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

    FlatNumbers(ChunkPages pages, Shape shape) {
        this.pages = pages;
        this.shape = shape;
        DictionaryPage d = pages.readDictionaryPage();
        if (d != null) {
            try {
                ByteBuffer b = d.getBytes().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                dictionary = new double[d.getDictionarySize()];
                plain(b, dictionary, dictionary.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            dictionary = null;
        }
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

    /** How many of the next {@code n} rows ({@code n} at most {@link #ready()}) hold a finite number. */
    int finite(int n) {
        for (int i = 0; i < n; i++) {
            int j = at + i;
            if (!present[j] || values[j] - values[j] != 0) {
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
        DataPage p = pages.readPage();
        if (p == null) {
            throw new ParquetDecodingException("the column has fewer values than the row group has rows");
        }
        try {
            int n = p.getValueCount();
            if (values.length < n) {
                values = new double[n];
                present = new boolean[n];
            }
            ByteBuffer data;
            Encoding encoding;
            if (p instanceof DataPageV1 v1) {
                ByteBuffer body = v1.getBytes().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                if (shape.maxDef == 1) {
                    if (v1.getDlEncoding() != Encoding.RLE) {
                        throw new ParquetDecodingException("definition levels encoded " + v1.getDlEncoding());
                    }
                    int length = body.getInt(body.position());
                    levels(body.slice(body.position() + 4, length), n);
                    body.position(body.position() + 4 + length);
                } else {
                    java.util.Arrays.fill(present, 0, n, true);
                }
                data = body.slice().order(ByteOrder.LITTLE_ENDIAN);
                encoding = v1.getValueEncoding();
            } else {
                DataPageV2 v2 = (DataPageV2) p;
                if (shape.maxDef == 1) {
                    levels(v2.getDefinitionLevels().toByteBuffer(), n);
                } else {
                    java.util.Arrays.fill(present, 0, n, true);
                }
                data = v2.getData().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                encoding = v2.getDataEncoding();
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (present[i]) {
                    m++;
                }
            }
            double[] decoded = m == n ? values : new double[m];
            if (encoding == Encoding.PLAIN) {
                plain(data, decoded, m);
            } else if (encoding == Encoding.RLE_DICTIONARY || encoding == Encoding.PLAIN_DICTIONARY) {
                if (dictionary == null) {
                    throw new ParquetDecodingException("a dictionary-encoded page without a dictionary");
                }
                int width = data.get() & 0xff;
                RunLengthBitPackingHybridDecoder ids = new RunLengthBitPackingHybridDecoder(width, ByteBufferInputStream.wrap(data.slice()));
                for (int k = 0; k < m; k++) {
                    int id = ids.readInt();
                    if (id < 0 || id >= dictionary.length) {
                        throw new ParquetDecodingException("dictionary index " + id + " of " + dictionary.length);
                    }
                    decoded[k] = dictionary[id];
                }
            } else {
                throw new ParquetDecodingException("values encoded " + encoding + ", which the column's metadata does not list");
            }
            if (decoded != values) {
                for (int i = 0, k = 0; i < n; i++) {
                    values[i] = present[i] ? decoded[k++] : 0;
                }
            }
            at = 0;
            count = n;
        } catch (IOException | RuntimeException e) {
            throw e instanceof ParquetDecodingException pe ? pe : new ParquetDecodingException(e.getMessage(), e);
        }
    }

    private void levels(ByteBuffer b, int n) throws IOException {
        RunLengthBitPackingHybridDecoder d = new RunLengthBitPackingHybridDecoder(1, ByteBufferInputStream.wrap(b));
        for (int i = 0; i < n; i++) {
            present[i] = d.readInt() == 1;
        }
    }

    /** {@code n} plain-encoded values of the leaf's type from {@code b} (little-endian). */
    private void plain(ByteBuffer b, double[] out, int n) {
        int p = b.position();
        int size = switch (shape.leaf) {
            case DOUBLE, INT64, UINT64 -> 8;
            default -> 4;
        };
        if (b.remaining() < (long) n * size) {
            throw new ParquetDecodingException("a page holds " + b.remaining() + " bytes of values, " + n + " values need " + (long) n * size);
        }
        switch (shape.leaf) {
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getDouble(p + 8 * i);
                }
            }
            case FLOAT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getFloat(p + 4 * i);
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(p + 4 * i);
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Integer.toUnsignedLong(b.getInt(p + 4 * i));
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getLong(p + 8 * i);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Values.unsigned(b.getLong(p + 8 * i));
                }
            }
        }
    }
}
