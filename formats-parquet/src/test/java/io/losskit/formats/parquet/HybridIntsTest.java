package io.losskit.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;

/** The RLE / bit-packing hybrid, on bytes encoded by hand after the format's specification (Encodings.md). */
class HybridIntsTest {

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void repeatedAndBitPackedRuns() {
        // width 3: a run of 300 fives (header 600 = ULEB128 0xd8 0x04, value 1 byte), then one group of 8
        // bit-packed values 0..7 (header 3), their bits from the lowest: 0b10001000, 0b11000110, 0b11111010
        byte[] b = bytes(0xd8, 0x04, 5, 0x03, 0x88, 0xc6, 0xfa);
        int[] out = new int[308];
        new HybridInts().reset(b, 0, b.length, 3).read(out, 308);
        for (int i = 0; i < 300; i++) {
            assertThat(out[i]).isEqualTo(5);
        }
        assertThat(java.util.Arrays.copyOfRange(out, 300, 308)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void aWideValueAndReadsAcrossRuns() {
        // width 9: a run of 3 of 300 (2 bytes, little-endian), then 8 bit-packed 256s: bits 8, 17, 26, ... 71 set
        byte[] b = bytes(0x06, 0x2c, 0x01, 0x03, 0, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80);
        HybridInts h = new HybridInts().reset(b, 0, b.length, 9);
        int[] out = new int[5];
        h.read(out, 5);
        assertThat(out).containsExactly(300, 300, 300, 256, 256);
        h.read(out, 5);
        assertThat(out).containsExactly(256, 256, 256, 256, 256);
    }

    @Test
    void flagsCountTheOnes() {
        // width 1: 4 ones (header 8), then one group 0b01011010 (values 0,1,0,1,1,0,1,0), then 3 zeros
        byte[] b = bytes(0x08, 1, 0x03, 0x5a, 0x06, 0);
        boolean[] out = new boolean[15];
        assertThat(new HybridInts().reset(b, 0, b.length, 1).flags(out, 15, 1)).isEqualTo(8);
        assertThat(out).containsExactly(true, true, true, true, false, true, false, true, true, false, true, false,
                false, false, false);
    }

    @Test
    void aLastGroupWithoutItsPaddingReadsZeros() {
        // width 8: a group of 8 values of which the writer stored 2 bytes
        byte[] b = bytes(0x03, 7, 9);
        int[] out = new int[3];
        new HybridInts().reset(b, 0, b.length, 8).read(out, 3);
        assertThat(out).containsExactly(7, 9, 0);
    }

    @Test
    void tooFewValuesIsMalformed() {
        byte[] b = bytes(0x04, 1);
        assertThatThrownBy(() -> new HybridInts().reset(b, 0, b.length, 1).read(new int[3], 3))
                .isInstanceOf(ParquetDecodingException.class).hasMessageContaining("end before");
    }
}
