package io.losskit.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gzip inputs: every member is read; anything else after them, or a cut, is an error naming the file. */
class GzipInputTest {

    @TempDir
    Path dir;

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private long count(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        long n = 0;
        try (RecordSource s = Inputs.open(f.toString(), null, InputStream.nullInputStream())) {
            while (s.next() != null) {
                n++;
            }
        }
        return n;
    }

    private InputError error(String name, byte[] content) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> count(name, content));
        assertThat(t).isInstanceOf(InputError.class);
        InputError e = (InputError) t;
        assertThat(e.file()).endsWith(name);
        return e;
    }

    @Test
    void concatenatedMembersAreOneFile() throws IOException {
        assertThat(count("a.csv.gz", concat(gzip("pred,target\n1,2\n"), gzip("3,4\n5,6\n")))).isEqualTo(3);
        // a big member, larger than any buffer
        assertThat(count("b.csv.gz", gzip("pred,target\n" + "1,2\n".repeat(100_000)))).isEqualTo(100_000);
    }

    @Test
    void bytesAfterTheLastMemberThatAreNotAMemberAreAnError() throws IOException {
        byte[] one = concat(gzip("pred,target\n1,2\n"), "3,4\n".getBytes(StandardCharsets.UTF_8));
        assertThat(error("a.csv.gz", one).getMessage()).contains("not gzip");
        // a single stray byte, and zeros (padding of a tape or a block device)
        assertThat(error("b.csv.gz", concat(gzip("pred,target\n1,2\n"), new byte[] {'x'})).getMessage()).contains("not gzip");
        assertThat(error("c.jsonl.gz", concat(gzip("{\"pred\":1,\"target\":2}\n"), new byte[100])).getMessage())
                .contains("not gzip");
    }

    @Test
    void aCutFileIsAnErrorNamingTheFile() throws IOException {
        byte[] whole = gzip("pred,target\n" + "1,2\n".repeat(10_000));
        for (int cut : new int[] {5, 15, whole.length / 2, whole.length - 4, whole.length - 1}) {
            InputError e = error("cut.csv.gz", Arrays.copyOf(whole, cut));
            assertThat(e.getMessage()).startsWith(dir.resolve("cut.csv.gz").toString() + ": ")
                    .contains("cut short").doesNotContain("ZLIB");
        }
        byte[] damaged = whole.clone();
        damaged[damaged.length - 6] ^= 1;
        assertThat(error("crc.csv.gz", damaged).getMessage()).contains("checksum");
    }

    @Test
    void aFileNamedGzThatIsNotGzipIsAnError() {
        assertThat(error("plain.csv.gz", "pred,target\n1,2\n".getBytes(StandardCharsets.UTF_8)).getMessage())
                .contains("not gzip");
        assertThat(error("empty.csv.GZ", new byte[0]).getMessage()).contains("not gzip");
    }

    @Test
    void aGzipFileWithAPlainNameIsStillRead() throws IOException {
        assertThat(count("a.csv", gzip("pred,target\n1,2\n"))).isEqualTo(1);
    }

    @Test
    void garbageInsideIsCorruptData() {
        byte[] z = concat(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}, new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3});
        assertThatThrownBy(() -> count("bad.csv.gz", z)).isInstanceOf(InputError.class).hasMessageContaining("corrupt");
    }
}
