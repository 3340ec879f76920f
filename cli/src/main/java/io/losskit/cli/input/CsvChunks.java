package io.losskit.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a plain (uncompressed) CSV/TSV file into byte ranges that start at record boundaries, so
 * that each can be read on its own thread. A range starts just after a line break (and any blank
 * lines); if a quoted field spans that break the guess is wrong, which the reader of the range
 * before notices ({@link CsvSource#endedAtCut()}), and the caller falls back to one sequential pass.
 */
final class CsvChunks {

    /**
     * One range.
     *
     * @param start the offset of its first record
     * @param end the offset of the next range's first record, or the file's size
     */
    record Chunk(Path file, CsvSource header, long start, long end) implements SplittableSource.Part {

        /** Opens the range as a source with {@code header}'s columns. */
        @Override
        public CsvSource open() throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(start);
            InputStream in = Channels.newInputStream(channel);
            return header.chunk(in, start, end);
        }

        @Override
        public long keySpan() throws IOException {
            long breaks = 0;
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                for (long position = start; position < end; ) {
                    buf.clear();
                    buf.limit((int) Math.min(buf.capacity(), end - position));
                    int n = channel.read(buf, position);
                    if (n <= 0) {
                        break;
                    }
                    byte[] a = buf.array();
                    for (int i = 0; i < n; i++) {
                        if (a[i] == '\n') {
                            breaks++;
                        }
                    }
                    position += n;
                }
            }
            return breaks;
        }
    }

    private CsvChunks() {
    }

    /**
     * About {@code parts} ranges covering the records of {@code file} from {@code dataStart} on.
     *
     * @param header a source that has read the file's header
     */
    static List<Chunk> split(Path file, CsvSource header, long dataStart, int parts) throws IOException {
        long size;
        List<Long> starts = new ArrayList<>();
        starts.add(dataStart);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            long step = (size - dataStart) / parts;
            for (int i = 1; i < parts; i++) {
                long guess = recordStartAfter(channel, dataStart + i * step);
                if (guess > starts.get(starts.size() - 1) && guess < size) {
                    starts.add(guess);
                }
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            chunks.add(new Chunk(file, header, starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : size));
        }
        return chunks;
    }

    /** The offset just after the first line break at or after {@code offset}, past blank lines. */
    private static long recordStartAfter(FileChannel channel, long offset) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
        long position = offset - 1;
        boolean afterBreak = false;
        while (true) {
            buf.clear();
            int n = channel.read(buf, position);
            if (n <= 0) {
                return channel.size();
            }
            for (int i = 0; i < n; i++) {
                byte b = buf.get(i);
                if (!afterBreak) {
                    afterBreak = b == '\n';
                } else if (b != '\n' && b != '\r') {
                    return position + i;
                }
            }
            position += n;
        }
    }
}
