package io.losskit.formats.parquet;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;

/**
 * The pages of one column chunk (one column of one row group), from its bytes as stored: the page
 * headers are read when the chunk is opened, each page is decompressed when the column reader asks
 * for it, so a chunk costs its compressed size and one page in memory.
 */
final class ChunkPages implements PageReader {

    /** What parquet-column's readers need of a chunk's compression: its codecs, without Hadoop's. */
    static final String CODECS = "snappy, zstd, gzip, lz4_raw, uncompressed";

    private final CompressionCodec codec;
    private final long values;
    private final byte[] bytes;
    /** The buffer every page is decompressed into, when the reader is done with a page before it asks for the next; else null. */
    private byte[] pageBuffer;
    private final boolean reuse;
    private DictionaryPage dictionary;
    /** Per data page still to read: its header and where its body starts in {@link #bytes}. */
    private final Deque<Object[]> pages = new ArrayDeque<>();

    /**
     * @param bytes the chunk, from its first page, in its first {@code length} bytes
     * @param values the chunk's number of values (levels), as its metadata says
     * @param pageBuffer a buffer to decompress every page into (the last page's, or a new one of
     *     length 0), for a reader that is done with a page before it asks for the next; null for
     *     one that is not (parquet-column's), which gets a new array per page
     */
    ChunkPages(byte[] bytes, int length, CompressionCodec codec, long values, byte[] pageBuffer) throws IOException {
        switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, LZ4_RAW, GZIP -> this.codec = codec;
            default -> throw new UnsupportedCodec(codec);
        }
        this.bytes = bytes;
        this.values = values;
        this.pageBuffer = pageBuffer;
        this.reuse = pageBuffer != null;
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, 0, length);
        long seen = 0;
        while (in.available() > 0 && seen < values) {
            PageHeader h = Util.readPageHeader(in);
            int at = length - in.available();
            if (h.compressed_page_size < 0 || h.compressed_page_size > in.available()) {
                throw new IOException("a page of " + h.compressed_page_size + " bytes runs past the end of its column chunk");
            }
            in.skipNBytes(h.compressed_page_size);
            switch (h.type) {
                case DICTIONARY_PAGE -> dictionary = new DictionaryPage(BytesInput.from(body(h, at), 0, h.uncompressed_page_size),
                        h.dictionary_page_header.num_values, encoding(h.dictionary_page_header.encoding));
                case DATA_PAGE -> {
                    pages.add(new Object[] {h, at});
                    seen += h.data_page_header.num_values;
                }
                case DATA_PAGE_V2 -> {
                    pages.add(new Object[] {h, at});
                    seen += h.data_page_header_v2.num_values;
                }
                default -> {
                    // an index page: nothing to read in it
                }
            }
        }
    }

    /** The buffer pages were decompressed into (see the constructor), for the next chunk of the column. */
    byte[] pageBuffer() {
        return pageBuffer;
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return values;
    }

    @Override
    public DataPage readPage() {
        Object[] p = pages.poll();
        if (p == null) {
            return null;
        }
        PageHeader h = (PageHeader) p[0];
        int at = (Integer) p[1];
        try {
            if (h.type == org.apache.parquet.format.PageType.DATA_PAGE) {
                DataPageHeader d = h.data_page_header;
                return new DataPageV1(BytesInput.from(body(h, at), 0, h.uncompressed_page_size), d.num_values, h.uncompressed_page_size, null,
                        encoding(d.repetition_level_encoding), encoding(d.definition_level_encoding), encoding(d.encoding));
            }
            // V2: the levels are never compressed, only the values after them.
            DataPageHeaderV2 d = h.data_page_header_v2;
            int rl = d.repetition_levels_byte_length;
            int dl = d.definition_levels_byte_length;
            int levels = rl + dl;
            byte[] data = !d.isSetIs_compressed() || d.is_compressed
                    ? decompress(bytes, at + levels, h.compressed_page_size - levels, h.uncompressed_page_size - levels)
                    : java.util.Arrays.copyOfRange(bytes, at + levels, at + h.compressed_page_size);
            return DataPageV2.uncompressed(d.num_rows, d.num_nulls, d.num_values, BytesInput.from(bytes, at, rl),
                    BytesInput.from(bytes, at + rl, dl), encoding(d.encoding), BytesInput.from(data, 0, h.uncompressed_page_size - levels), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] body(PageHeader h, int at) throws IOException {
        return decompress(bytes, at, h.compressed_page_size, h.uncompressed_page_size);
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding e) {
        return Encoding.valueOf(e.name());
    }

    private byte[] decompress(byte[] in, int from, int length, int size) throws IOException {
        if (size < 0) {
            throw new IOException("a page says it holds " + size + " bytes");
        }
        byte[] out = reuse && pageBuffer.length >= size ? pageBuffer : new byte[size];
        if (reuse) {
            pageBuffer = out;
        }
        int n;
        switch (codec) {
            case UNCOMPRESSED -> {
                System.arraycopy(in, from, out, 0, Math.min(length, size));
                n = Math.min(length, size);
            }
            case SNAPPY -> n = new SnappyDecompressor().decompress(in, from, length, out, 0, size);
            case ZSTD -> n = new ZstdDecompressor().decompress(in, from, length, out, 0, size);
            case LZ4_RAW -> n = new Lz4Decompressor().decompress(in, from, length, out, 0, size);
            case GZIP -> {
                try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(in, from, length), 1 << 16)) {
                    n = z.readNBytes(out, 0, size);
                }
            }
            default -> throw new UnsupportedCodec(codec);
        }
        if (n != size) {
            throw new IOException("a page decompressed to " + n + " bytes, its header says " + size);
        }
        return out;
    }

    /** A compression this reader does not have. */
    static final class UnsupportedCodec extends IOException {

        private static final long serialVersionUID = 1L;

        UnsupportedCodec(CompressionCodec codec) {
            super("its compression " + codec.name().toLowerCase(java.util.Locale.ROOT) + " is not supported (" + CODECS + " are)");
        }
    }
}
