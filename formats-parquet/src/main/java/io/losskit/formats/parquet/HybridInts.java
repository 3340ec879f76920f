package io.losskit.formats.parquet;

import java.util.Arrays;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Parquet's RLE / bit-packing hybrid encoding of unsigned ints of one width (0 to 32 bits), as
 * definition levels and dictionary indices are stored: runs, each a ULEB128 header whose low bit
 * says a repeated value (count {@code h >>> 1}, then the value in {@code ceil(width / 8)} bytes,
 * little-endian) or groups of 8 bit-packed values (count {@code 8 * (h >>> 1)}, the values' bits
 * from the lowest bit of the first byte on). The format's specification (Encodings.md,
 * "Run Length Encoding / Bit-Packing Hybrid"); a run of one value costs one {@link Arrays#fill}.
 */
final class HybridInts {

    private byte[] bytes;
    private int at;
    private int end;
    private int width;
    /** Values left in the current run; whether it is bit-packed, else the repeated value. */
    private int left;
    private boolean packed;
    private int value;
    /** The bit of {@link #bytes} where the next bit-packed value starts. */
    private long bit;

    /** Decodes {@code bytes[from..to)}, of values {@code width} bits wide, from its first run. */
    HybridInts reset(byte[] bytes, int from, int to, int width) {
        if (width < 0 || width > 32) {
            throw new ParquetDecodingException("values of " + width + " bits");
        }
        this.bytes = bytes;
        this.at = from;
        this.end = to;
        this.width = width;
        this.left = 0;
        return this;
    }

    /** The next {@code n} values, into {@code out[0..n)}. */
    void read(int[] out, int n) {
        for (int i = 0; i < n; ) {
            int k = take(n - i);
            if (packed) {
                for (int j = i; j < i + k; j++) {
                    out[j] = unpack();
                }
            } else {
                Arrays.fill(out, i, i + k, value);
            }
            i += k;
        }
    }

    /**
     * The next {@code n} values as flags, into {@code out[0..n)}: whether each is {@code one}
     * (definition levels: whether the value is present); returns how many are.
     */
    int flags(boolean[] out, int n, int one) {
        int set = 0;
        for (int i = 0; i < n; ) {
            int k = take(n - i);
            if (packed) {
                for (int j = i; j < i + k; j++) {
                    out[j] = unpack() == one;
                    set += out[j] ? 1 : 0;
                }
            } else {
                Arrays.fill(out, i, i + k, value == one);
                set += value == one ? k : 0;
            }
            i += k;
        }
        return set;
    }

    /** How many of the next values, at most {@code max}, the current run gives (moving to the next run when it is spent); they count as read. */
    private int take(int max) {
        while (left == 0) {
            run();
        }
        int k = Math.min(left, max);
        left -= k;
        return k;
    }

    private void run() {
        if (at >= end) {
            throw new ParquetDecodingException("the encoded values end before the page's count of them");
        }
        int h = 0;
        for (int shift = 0; ; shift += 7) {
            if (at >= end || shift > 28) {
                throw new ParquetDecodingException("a malformed run header");
            }
            int b = bytes[at++];
            h |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if ((h & 1) == 0) {
            packed = false;
            left = h >>> 1;
            int v = 0;
            int n = (width + 7) / 8;
            if (at + n > end) {
                throw new ParquetDecodingException("a run's value runs past the end of its bytes");
            }
            for (int k = 0; k < n; k++) {
                v |= (bytes[at++] & 0xff) << (8 * k);
            }
            value = v;
        } else {
            // a writer may leave out the padding of the last group: bits past the end read as 0
            packed = true;
            left = 8 * (h >>> 1);
            bit = 8L * at;
            at = (int) Math.min(end, at + (long) (h >>> 1) * width);
        }
    }

    private int unpack() {
        long b = bit;
        bit += width;
        int first = (int) (b >>> 3);
        long word = 0;
        int last = Math.min(first + 5, end);
        for (int k = first; k < last; k++) {
            word |= (bytes[k] & 0xffL) << (8 * (k - first));
        }
        return (int) ((word >>> (b & 7)) & ((1L << width) - 1));
    }
}
