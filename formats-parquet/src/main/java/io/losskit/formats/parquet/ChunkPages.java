package io.losskit.formats.parquet;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;

/**
 * The pages of one column chunk (one column of one row group), streamed from the file: a page's
 * header and body are read when the page is asked for, through a window of the file that is
 * reused from page to page and chunk to chunk ({@link Buffers}), and decompressed then, so a chunk
 * costs about two pages in memory whatever its size.
 *
 * <p>{@link #next()} gives the fast path ({@link FlatNumbers}) the decompressed bytes of a page
 * as they are; {@link #readPage()} gives parquet-column's column readers the same page as theirs.
 */
final class ChunkPages implements PageReader {

    /** What parquet-column's readers need of a chunk's compression: its codecs, without Hadoop's. */
    static final String CODECS = "snappy, zstd, gzip, lz4_raw, uncompressed";

    /** How much of the file a read takes beyond the bytes asked for: the next page's header, usually. */
    private static final int READ_AHEAD = 1 << 16;

    /**
     * The buffers of one column of a source, reused by its chunks: the window of the file last
     * read, and the buffer pages are decompressed into by a reader that is done with a page before
     * it asks for the next (the fast path); parquet-column's readers get a new array per page.
     */
    static final class Buffers {
        private byte[] window = new byte[0];
        /** Where in the file {@link #window} starts, and how many of its bytes hold the file's. */
        private long windowAt;
        private int windowLength;
        private byte[] page = new byte[0];
    }

    private final FileChannel file;
    private final CompressionCodec codec;
    private final long values;
    private final Buffers buffers;
    private final boolean reuse;
    /** The file offset of the next page header, and the end of the chunk. */
    private long at;
    private final long end;
    private long seen;
    /** The header of the data page that {@link #next()} gives next, when read ahead (the constructor looks for a dictionary); its body is at {@link #at}. */
    private PageHeader pending;
    private byte[] dictionaryBytes;
    private int dictionaryLength;
    private int dictionaryValues;
    private Encoding dictionaryEncoding;
    private DictionaryPage dictionaryPage;

    /** The page {@link #next()} read: its header, and whether it is a data page v2. */
    PageHeader header;
    boolean v2;
    /**
     * Its bytes, decompressed, from 0 up to {@link #length}: for a v1 page its body as stored
     * (repetition and definition levels, each with its 4-byte length when the column has them,
     * then the values); for a v2 page the repetition levels, the definition levels, the values.
     */
    byte[] data;
    int length;

    /**
     * @param start where the chunk's first page (its dictionary, if it has one) starts in the file
     * @param size the chunk's bytes, as its metadata says
     * @param values the chunk's number of values (levels), as its metadata says
     * @param reuse whether the reader is done with a page before it asks for the next (then every
     *     page is decompressed into {@code buffers}, else into a new array)
     */
    ChunkPages(FileChannel file, long start, long size, CompressionCodec codec, long values, Buffers buffers, boolean reuse)
            throws IOException {
        switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, LZ4_RAW, GZIP -> this.codec = codec;
            default -> throw new UnsupportedCodec(codec);
        }
        this.file = file;
        this.values = values;
        this.buffers = buffers;
        this.reuse = reuse;
        this.at = start;
        this.end = start + size;
        pending = nextDataHeader();
    }

    /**
     * The dictionary page's values as stored (plain), in its first {@link #dictionaryLength()}
     * bytes, or null when the chunk has none; for a reader that reuses the page buffer, only until
     * {@link #next()}.
     */
    byte[] dictionary() {
        return dictionaryBytes;
    }

    int dictionaryValues() {
        return dictionaryValues;
    }

    int dictionaryLength() {
        return dictionaryLength;
    }

    /** The array a page of {@code size} bytes is decompressed into: the reused one, or a new one. */
    private byte[] output(int size) {
        if (!reuse) {
            return new byte[size];
        }
        if (buffers.page.length < size) {
            buffers.page = new byte[size];
        }
        return buffers.page;
    }

    /**
     * Reads the next data page into {@link #header}, {@link #data} and {@link #length}: false
     * after the last.
     */
    boolean next() throws IOException {
        PageHeader h = pending != null ? pending : nextDataHeader();
        pending = null;
        if (h == null) {
            return false;
        }
        long body = at;
        at += h.compressed_page_size;
        header = h;
        v2 = h.type == PageType.DATA_PAGE_V2;
        int size = h.uncompressed_page_size;
        byte[] out = output(size);
        if (!v2) {
            decompress(body, h.compressed_page_size, out, 0, size);
        } else {
            // V2: the levels are never compressed, only the values after them.
            DataPageHeaderV2 d = h.data_page_header_v2;
            int levels = d.repetition_levels_byte_length + d.definition_levels_byte_length;
            if (levels < 0 || levels > h.compressed_page_size || levels > size) {
                throw new IOException("a page's levels of " + levels + " bytes run past its end");
            }
            int from = window(body, levels);
            System.arraycopy(buffers.window, from, out, 0, levels);
            if (!d.isSetIs_compressed() || d.is_compressed) {
                decompress(body + levels, h.compressed_page_size - levels, out, levels, size - levels);
            } else {
                copy(body + levels, h.compressed_page_size - levels, out, levels, size - levels);
            }
        }
        data = out;
        length = size;
        return true;
    }

    /** The header of the next data page, after any dictionary (kept) or index page, with {@link #at} at its body; null after the last. */
    private PageHeader nextDataHeader() throws IOException {
        while (at < end && seen < values) {
            PageHeader h = header();
            long body = at;
            if (h.compressed_page_size < 0 || h.compressed_page_size > end - body) {
                throw new IOException("a page of " + h.compressed_page_size + " bytes runs past the end of its column chunk");
            }
            if (h.uncompressed_page_size < 0) {
                throw new IOException("a page says it holds " + h.uncompressed_page_size + " bytes");
            }
            at = body + h.compressed_page_size;
            switch (h.type) {
                case DICTIONARY_PAGE -> {
                    dictionaryBytes = output(h.uncompressed_page_size);
                    dictionaryLength = h.uncompressed_page_size;
                    decompress(body, h.compressed_page_size, dictionaryBytes, 0, dictionaryLength);
                    dictionaryValues = h.dictionary_page_header.num_values;
                    dictionaryEncoding = h.dictionary_page_header.encoding;
                }
                case DATA_PAGE -> {
                    seen += h.data_page_header.num_values;
                    at = body;
                    return h;
                }
                case DATA_PAGE_V2 -> {
                    seen += h.data_page_header_v2.num_values;
                    at = body;
                    return h;
                }
                default -> {
                    // an index page: nothing to read in it
                }
            }
        }
        return null;
    }

    /** The page header at {@link #at}, which moves past it. */
    private PageHeader header() throws IOException {
        int want = (int) Math.min(end - at, 256);
        while (true) {
            int from = window(at, want);
            ByteArrayInputStream in = new ByteArrayInputStream(buffers.window, from, want);
            try {
                PageHeader h = Util.readPageHeader(in);
                at += want - in.available();
                return h;
            } catch (IOException e) {
                // a header longer than the bytes read (large statistics): read more, up to the chunk's end
                if (want == end - at) {
                    throw e;
                }
                want = (int) Math.min(end - at, (long) want * 16);
            }
        }
    }

    /**
     * Makes the window hold the file's bytes from {@code from} for {@code n} bytes (within the
     * chunk), reading them, and a little more, when it does not; returns where they start in it.
     */
    private int window(long from, int n) throws IOException {
        Buffers b = buffers;
        if (from >= b.windowAt && from + n <= b.windowAt + b.windowLength) {
            return (int) (from - b.windowAt);
        }
        int size = (int) Math.min(end - from, (long) n + READ_AHEAD);
        if (b.window.length < size) {
            b.window = new byte[Math.max(size, Math.min(b.window.length * 2, Integer.MAX_VALUE - 16))];
        }
        b.windowLength = 0;
        ParquetSource.readFully(file, ByteBuffer.wrap(b.window, 0, size), from);
        b.windowAt = from;
        b.windowLength = size;
        return 0;
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        if (dictionaryPage == null && dictionaryBytes != null) {
            dictionaryPage = new DictionaryPage(BytesInput.from(dictionaryBytes, 0, dictionaryLength), dictionaryValues, encoding(dictionaryEncoding));
        }
        return dictionaryPage;
    }

    @Override
    public long getTotalValueCount() {
        return values;
    }

    @Override
    public DataPage readPage() {
        try {
            if (!next()) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PageHeader h = header;
        if (!v2) {
            DataPageHeader d = h.data_page_header;
            return new DataPageV1(BytesInput.from(data, 0, length), d.num_values, length, null,
                    encoding(d.repetition_level_encoding), encoding(d.definition_level_encoding), encoding(d.encoding));
        }
        DataPageHeaderV2 d = h.data_page_header_v2;
        int rl = d.repetition_levels_byte_length;
        int dl = d.definition_levels_byte_length;
        return DataPageV2.uncompressed(d.num_rows, d.num_nulls, d.num_values, BytesInput.from(data, 0, rl),
                BytesInput.from(data, rl, dl), encoding(d.encoding), BytesInput.from(data, rl + dl, length - rl - dl), null);
    }

    private static org.apache.parquet.column.Encoding encoding(Encoding e) {
        return org.apache.parquet.column.Encoding.valueOf(e.name());
    }

    /** Decompresses the {@code length} bytes at {@code from} in the file into {@code out}, which they must fill for {@code size} bytes. */
    private void decompress(long from, int length, byte[] out, int offset, int size) throws IOException {
        if (codec == CompressionCodec.UNCOMPRESSED) {
            copy(from, length, out, offset, size);
            return;
        }
        int in = window(from, length);
        byte[] w = buffers.window;
        int n;
        switch (codec) {
            case SNAPPY -> n = new SnappyDecompressor().decompress(w, in, length, out, offset, size);
            case ZSTD -> n = new ZstdDecompressor().decompress(w, in, length, out, offset, size);
            case LZ4_RAW -> n = new Lz4Decompressor().decompress(w, in, length, out, offset, size);
            case GZIP -> {
                try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(w, in, length), 1 << 16)) {
                    n = z.readNBytes(out, offset, size);
                }
            }
            default -> throw new UnsupportedCodec(codec);
        }
        if (n != size) {
            throw new IOException("a page decompressed to " + n + " bytes, its header says " + size);
        }
    }

    private void copy(long from, int length, byte[] out, int offset, int size) throws IOException {
        if (length != size) {
            throw new IOException("an uncompressed page of " + length + " bytes, its header says " + size);
        }
        int in = window(from, length);
        System.arraycopy(buffers.window, in, out, offset, length);
    }

    /** A compression this reader does not have. */
    static final class UnsupportedCodec extends IOException {

        private static final long serialVersionUID = 1L;

        UnsupportedCodec(CompressionCodec codec) {
            super("its compression " + codec.name().toLowerCase(java.util.Locale.ROOT) + " is not supported (" + CODECS + " are)");
        }
    }
}
