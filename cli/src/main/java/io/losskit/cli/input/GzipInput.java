package io.losskit.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The data of a gzip file (RFC 1952), one member after another. Unlike {@link java.util.zip.GZIPInputStream},
 * which ignores what follows the last member when it does not look like one, anything after a
 * member that is not another member is an error, and so is a file that ends inside a member:
 * either would otherwise lose records without a word. Problems are {@link InputError}s naming the file.
 */
final class GzipInput extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final String file;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long members;
    private boolean done;

    /** Reads {@code in}, which must start with a gzip member's header. */
    GzipInput(String file, InputStream in) throws IOException {
        this.file = file;
        this.in = in;
        header();
    }

    /** Whether a file whose first two bytes are these starts the way a gzip file does. */
    static boolean isGzip(int first, int second) {
        return first == 0x1f && second == 0x8b;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            if (inflater.needsInput()) {
                if (pos == limit && !fill()) {
                    throw error("the file is cut short: it ends inside compressed data (an incomplete download or copy?)");
                }
                inflater.setInput(buf, pos, limit - pos);
                pos = limit;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw error("the compressed data is corrupt");
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                pos -= inflater.getRemaining();
                trailer();
                if (pos == limit && !fill()) {
                    done = true;
                } else if (!isGzip(byteAt(0), byteAt(1))) {
                    throw error("after gzip member " + members + " the file holds data that is not gzip");
                } else {
                    inflater.reset();
                    crc.reset();
                    header();
                }
            } else if (inflater.needsDictionary()) {
                throw error("the compressed data is corrupt");
            }
        }
        return -1;
    }

    private InputError error(String problem) {
        return InputError.inFile(file, "not a readable gzip file: " + problem);
    }

    /** Reads more of the file after what is buffered; false at the end. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n > 0;
    }

    /** The byte {@code ahead} places after the current one, or −1 past the end of the file. */
    private int byteAt(int ahead) throws IOException {
        while (limit - pos <= ahead) {
            if (!fill()) {
                return -1;
            }
        }
        return buf[pos + ahead] & 0xff;
    }

    private int next() throws IOException {
        int b = byteAt(0);
        if (b < 0) {
            throw error("the file is cut short: it ends inside a gzip header or trailer");
        }
        pos++;
        return b;
    }

    private long uint(int bytes) throws IOException {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) next() << (8 * i);
        }
        return v;
    }

    private void header() throws IOException {
        if (!isGzip(next(), next())) {
            throw error("it does not start with the gzip signature");
        }
        if (next() != 8) {
            throw error("unknown compression method");
        }
        int flags = next();
        uint(6); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            for (long n = uint(2); n > 0; n--) {
                next();
            }
        }
        if ((flags & FNAME) != 0) {
            while (next() != 0) {
                // the original file name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (next() != 0) {
                // a comment
            }
        }
        if ((flags & FHCRC) != 0) {
            uint(2);
        }
        members++;
    }

    private void trailer() throws IOException {
        if (uint(4) != crc.getValue()) {
            throw error("the checksum of gzip member " + members + " does not match its data (the file is damaged)");
        }
        if (uint(4) != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw error("the length of gzip member " + members + " does not match its data (the file is damaged)");
        }
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
