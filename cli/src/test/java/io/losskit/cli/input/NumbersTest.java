package io.losskit.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The number syntax of Python's float() and JSON, and nothing more. The accepted values were
 * checked against CPython 3: {@code float("1_000.5") == 1000.5}, {@code float("1.") == 1.0}, etc.
 */
class NumbersTest {

    private static double bytes(String s) {
        byte[] b = ("#" + s + "#").getBytes(StandardCharsets.UTF_8);
        return Numbers.parse(b, 1, b.length - 1);
    }

    @Test
    void pythonAndJsonSpellingsAreRead() {
        String[][] cases = {
            {"1", "1.0"}, {"-2.5", "-2.5"}, {"+3", "3.0"}, {"1.", "1.0"}, {".5", "0.5"}, {"1e3", "1000.0"},
            {"1E-3", "0.001"}, {"-0", "-0.0"}, {"007", "7.0"}, {"1_000.5", "1000.5"}, {"1e1_0", "1.0E10"},
            {"  4 ", "4.0"}, {"\t4", "4.0"}, {"0.1", "0.1"}, {"1.e2", "100.0"},
            {"inf", "Infinity"}, {"-Infinity", "-Infinity"}, {"+INF", "Infinity"}, {"iNfInItY", "Infinity"},
            {"nan", "NaN"}, {"-NaN", "NaN"},
        };
        for (String[] c : cases) {
            // boxed, so that NaN equals NaN and −0.0 differs from 0.0
            Double expected = Double.valueOf(c[1]);
            assertThat(Double.valueOf(Numbers.parse(c[0]))).as(c[0]).isEqualTo(expected);
            assertThat(Double.valueOf(bytes(c[0]))).as(c[0]).isEqualTo(expected);
        }
        // tiny values underflow quietly, as in Python: 0.000…01 with 2001 digits is 0
        assertThat(Numbers.parse("0." + "0".repeat(2000) + "1")).isZero();
        assertThat(Numbers.parse("4.9e-324")).isEqualTo(Double.MIN_VALUE);
        // many digits round correctly
        assertThat(Numbers.parse("0.1000000000000000055511151231257827")).isEqualTo(0.1);
        assertThat(Numbers.parse("1" + "0".repeat(300))).isEqualTo(1e300);
    }

    @Test
    void javaOnlySpellingsAndDebrisAreNotNumbers() {
        for (String s : new String[] {"1d", "1f", "1D", "2.5F", "0x1p3", "-0X10", "0x10", "1\0", "\u00001", "1\n", "\n1",
                "1\r", "1\u000b", "1 2", "1_", "_1", "1__0", "1_.5", "1._5", "1e", "1e+", ".", "-", "", " ", "e5", "1.5.2",
                "infinit", "nanx", "1,5", "١", "Infinityd", "1e5_", "++1", "0b1"}) {
            assertThatThrownBy(() -> Numbers.parse(s)).as(s).isInstanceOf(NumberFormatException.class)
                    .isNotInstanceOf(Numbers.TooLarge.class);
            assertThatThrownBy(() -> bytes(s)).as(s).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void aFiniteNumberTooLargeForADoubleIsAnError() {
        for (String s : new String[] {"1e309", "-1e309", "1" + "0".repeat(2000), "1_0e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792"}) {
            assertThatThrownBy(() -> Numbers.parse(s)).as(s.substring(0, Math.min(20, s.length())))
                    .isInstanceOf(Numbers.TooLarge.class).hasMessageContaining("too large");
        }
        // the largest double itself is fine
        assertThat(Numbers.parse("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
    }

    /** The one-pass reader against the JDK's own, correctly rounding parser, bit for bit. */
    @Test
    void theFastPathRoundsAsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            // shortest round trip (what Java and Python print), and as many digits as a double has
            assertSameAsJdk(Double.toString(d));
            assertSameAsJdk(new BigDecimal(d).round(new java.math.MathContext(17)).toString());
            assertSameAsJdk(Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(-30, 30))));
            // random digit strings, up to 19 significant digits, any exponent
            StringBuilder digits = new StringBuilder();
            int n = random.nextInt(1, 21);
            for (int j = 0; j < n; j++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            int point = random.nextInt(n + 1);
            String text = digits.substring(0, point) + "." + digits.substring(point) + "e" + random.nextInt(-360, 330);
            assertSameAsJdk(text);
        }
        // halfway between two doubles (round to even), and just either side of it
        for (String s : new String[] {"9007199254740993", "9007199254740995", "9007199254740993.0000000001",
                "9007199254740992.9999999999", "2.2250738585072011e-308", "2.2250738585072014e-308",
                "1.7976931348623157e308", "4.9e-324", "1e23", "8.41e21", "5e-324", "123456789012345678e-5",
                "0.30000000000000004", "18446744073709551615", "9999999999999999999", "1e-22", "1e22", "7.2057594037927933e16"}) {
            assertSameAsJdk(s);
        }
    }

    @Test
    void whatProgramsPrintTakesTheFastPath() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            String s = Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(-30, 30)));
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(Numbers.plain(b, 0, b.length)).as(s).isNotNaN();
        }
        for (String s : new String[] {"1_000", " 1", "1 ", "inf", "nan", "1e", "1.5.2", "0x10", "1d", "", "-", "."}) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(Numbers.plain(b, 0, b.length)).as(s).isNaN();
        }
    }

    private static void assertSameAsJdk(String s) {
        double expected = Double.parseDouble(s);
        if (Double.isInfinite(expected)) {
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        assertThat(Double.doubleToRawLongBits(Numbers.parse(b, 0, b.length))).as(s)
                .isEqualTo(Double.doubleToRawLongBits(expected));
        double plain = Numbers.plain(b, 0, b.length);
        if (plain == plain) {
            assertThat(Double.doubleToRawLongBits(plain)).as(s).isEqualTo(Double.doubleToRawLongBits(expected));
        }
        // as a cell among others: digits before and after it, which the eight-byte reads see and must leave
        byte[] cell = ("7" + s + "1234567,89").getBytes(StandardCharsets.US_ASCII);
        double inside = Numbers.plain(cell, 1, 1 + b.length);
        assertThat(Double.doubleToRawLongBits(inside)).as(s).isEqualTo(Double.doubleToRawLongBits(plain));
    }
}
