package io.losskit.cli.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The files a run reads, in the order they were opened, with their format and, when asked, their
 * SHA-256 (for the JSON output's {@code signature}). The hash is taken from the bytes as the
 * reader consumes them, so a file read once from start to end is not read again; a file that the
 * run did not read to its end that way (a CSV read in parallel parts, an .npz or Arrow file read
 * by random access) is hashed by one more sequential read at {@link #finish} (about 0.3 s for
 * 400 MB here: SHA-256 runs at about 1.3 GB/s with the CPU's SHA instructions). Standard input
 * is read on to its end through the hash.
 */
public final class InputFiles {

    /**
     * One file read.
     *
     * @param name as given ("stdin" for standard input)
     * @param format its format
     * @param sha256 the SHA-256 of its bytes (as stored: a .gz file's compressed bytes), lowercase
     *     hex; null unless hashing was asked
     */
    public record File(String name, InputFormat format, String sha256) {
    }

    private final boolean hash;
    private final List<Opened> opened = new ArrayList<>();
    /** Bytes read so far through the streams of files of known size (for the progress line on another thread). */
    private final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();
    private volatile long size;
    /** Whether a file is read otherwise than through a stream of known size (then there is no fraction). */
    private volatile boolean unsized;

    private static final class Opened {
        final String name;
        final Path path;
        Hashing stream;
        InputFormat format;

        Opened(String name, Path path) {
            this.name = name;
            this.path = path;
        }
    }

    /** @param hash whether to compute each file's SHA-256 */
    public InputFiles(boolean hash) {
        this.hash = hash;
    }

    /** Registers a file about to be read from {@code raw} (or, with a null {@code raw}, from {@code path}); returns the stream to read. */
    InputStream opened(String name, Path path, InputStream raw) {
        Opened o = new Opened(name, path);
        opened.add(o);
        unsized |= raw == null || path == null;
        if (raw != null && path != null) {
            try {
                size += Files.size(path);
                raw = new Counting(raw, bytesRead);
            } catch (IOException e) {
                unsized = true;   // the progress line then shows no percent
            }
        }
        if (hash && raw != null) {
            o.stream = new Hashing(raw, path == null);
            return o.stream;
        }
        return raw;
    }

    /**
     * The fraction of the input's bytes read so far, from 0 to 1, or -1 when it is not known
     * (standard input, a file read by random access); read from another thread.
     */
    public double fractionRead() {
        long total = size;
        return total <= 0 || unsized ? -1 : Math.min(1, bytesRead.get() / (double) total);
    }

    /** Counts the bytes read through it: one addition per buffer, not per record. */
    private static final class Counting extends FilterInputStream {
        private final java.util.concurrent.atomic.AtomicLong count;

        Counting(InputStream in, java.util.concurrent.atomic.AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = in.skip(n);
            count.addAndGet(Math.max(0, k));
            return k;
        }
    }

    /** The format of the file registered last. */
    void format(InputFormat format) {
        opened.get(opened.size() - 1).format = format;
    }

    /**
     * Every file, with its hash completed: call once the run has read what it reads, before the
     * sources are closed (standard input is read on to its end).
     */
    public List<File> finish() throws IOException {
        List<File> files = new ArrayList<>();
        for (Opened o : opened) {
            String sha = null;
            if (hash) {
                if (o.stream != null && (o.path == null || o.stream.atEnd)) {
                    o.stream.drain();
                    sha = HexFormat.of().formatHex(o.stream.digest.digest());
                } else {
                    sha = sha256(o.path);
                }
            }
            files.add(new File(o.name, o.format, sha));
        }
        return files;
    }

    /** The SHA-256 of a file, in lowercase hex. */
    static String sha256(Path path) throws IOException {
        MessageDigest d = newDigest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** A stream that hashes what is read through it and notes whether it got to the end. */
    private static final class Hashing extends FilterInputStream {
        final MessageDigest digest = newDigest();
        /** Standard input, which cannot be read again: read on to its end before it is closed. */
        private final boolean drainOnClose;
        boolean atEnd;
        private boolean closed;

        Hashing(InputStream in, boolean drainOnClose) {
            super(in);
            this.drainOnClose = drainOnClose;
        }

        /** Reads (and hashes) the rest, unless the stream is at its end or closed (then drained already). */
        void drain() throws IOException {
            if (!atEnd && !closed) {
                transferTo(java.io.OutputStream.nullOutputStream());
            }
        }

        @Override
        public void close() throws IOException {
            if (drainOnClose) {
                drain();
            }
            closed = true;
            super.close();
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                atEnd = true;
            } else {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                atEnd = true;
            } else {
                digest.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes must be hashed too
            byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
