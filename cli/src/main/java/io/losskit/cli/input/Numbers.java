package io.losskit.cli.input;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses numbers as they appear in data files: the syntax of Python's {@code float()} (which
 * includes JSON's): an optional sign, decimal digits with an optional point and exponent, {@code _}
 * between digits, and {@code inf}, {@code infinity}, {@code nan} in any case. Spaces and tabs
 * around the number are ignored; other whitespace is not, unlike Python: a line break or NUL in a
 * number cell is the mark of a broken quote or a binary file, not padding. Java's own extras
 * ({@code 1d}, {@code 1f}, {@code 0x1p3}) are refused, and so is a finite number too large for a
 * double, which would otherwise turn into infinity without a word.
 *
 * <p>The numbers that programs print ({@code repr}, {@code Double.toString}: at most 17
 * significant digits) are read by {@link #plain} in one pass over the bytes and rounded exactly
 * by Eisel and Lemire's 128-bit product; anything else, and the
 * rare case those cannot decide, goes to FastDoubleParser. Both round correctly, so which one
 * reads a number never changes its value.
 */
public final class Numbers {

    /** A number beyond the range of a double; its message says so in full. */
    public static final class TooLarge extends NumberFormatException {

        private static final long serialVersionUID = 1L;

        TooLarge(String text) {
            super("\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "\" is too large for a double (beyond ±1.8e308)");
        }
    }

    /** A byte array read as little-endian longs, for the scans that look at eight bytes at once (here and in {@link CsvSource}). */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Numbers() {
    }

    /**
     * Parses {@code bytes[from..to)}, trimmed of spaces and tabs.
     *
     * @throws NumberFormatException when it is not a number (the message is the text), or
     *     {@link TooLarge} when it overflows
     */
    public static double parse(byte[] bytes, int from, int to) {
        while (from < to && (bytes[from] == ' ' || bytes[from] == '\t')) {
            from++;
        }
        while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\t')) {
            to--;
        }
        double v = plain(bytes, from, to);
        if (v == v) {
            return v;
        }
        // JavaDoubleParser reads Java's syntax, which is Python's without the underscores, plus
        // what these checks rule out: suffixes (1d, 1f; a number otherwise ends in a digit or a
        // point), hexadecimal (0x1p3) and control characters stripped from either end
        if (from < to && isDigitOrPoint(bytes[to - 1]) && bytes[from] > ' ' && !isHex(bytes, from, to)) {
            try {
                v = JavaDoubleParser.parseDouble(bytes, from, to - from);
            } catch (NumberFormatException e) {
                return withUnderscores(bytes, from, to);
            }
            if (Double.isInfinite(v)) {
                throw new TooLarge(text(bytes, from, to));
            }
            return v;
        }
        return special(text(bytes, from, to));
    }

    /** {@code text} read as {@link #plain} reads a cell: what the columnar path takes a CSV cell holding it for. */
    public static double plain(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return plain(b, 0, b.length);
    }

    /**
     * The value of {@code bytes[from..to)} when it is a plain decimal number, {@code [+-]digits[.digits][e[+-]digits]}
     * with at most 19 significant digits (which fit in a long read as unsigned) and a decimal exponent in [−342, 308] that this method can round
     * exactly; NaN for anything else (spaces, underscores, {@code inf}, …), which {@link #parse} then reads or
     * refuses. Never NaN for a number it reads.
     */
    static double plain(byte[] b, int from, int to) {
        int i = from;
        byte first = i < to ? b[i] : 0;
        boolean negative = first == '-';
        i += negative || first == '+' ? 1 : 0;
        // The digits accumulate in a long, which wraps past 19 of them; then only leading zeros can save it.
        long digits = 0;
        int mantissaStart = i;
        int point = -1;
        while (i < to) {
            if (point >= 0 && to - i >= 8) {
                // eight digits at once (SWAR, as fast_float does): the same long as eight steps below,
                // wrapping included; only after the point, where the long runs of digits are (an
                // integer part is mostly a digit or two, and a failed try cost more than it saved)
                long chunk = (long) LONGS.get(b, i);
                if (((chunk & 0xF0F0F0F0F0F0F0F0L) | (((chunk + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                        == 0x3333333333333333L) {
                    digits = digits * 100_000_000L + eightDigits(chunk);
                    i += 8;
                    continue;
                }
            }
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
            } else if (c == '.' && point < 0) {
                point = i;
            } else {
                break;
            }
            i++;
        }
        int mantissaDigits = i - mantissaStart - (point < 0 ? 0 : 1);
        int exponent = point < 0 ? 0 : point + 1 - i;
        if (mantissaDigits == 0 || mantissaDigits > 19 && significantDigits(b, mantissaStart, i) > 19) {
            return Double.NaN;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int e = 0;
            int exponentStart = i;
            for (; i < to && i - exponentStart < 5 && b[i] >= '0' && b[i] <= '9'; i++) {
                e = e * 10 + (b[i] - '0');
            }
            if (i == exponentStart) {
                return Double.NaN;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (digits == 0) {
            return negative ? -0.0 : 0.0;
        }
        return eiselLemire(digits, exponent, negative);
    }

    /** The value of eight ASCII digits read as a little-endian long (the first digit in the lowest byte). */
    private static long eightDigits(long chunk) {
        long v = chunk - 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * (100 + (1000000L << 32)))
                + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10000L << 32)))) >>> 32;
    }

    /** The digits of {@code b[from..to)} (digits and at most one point) after the leading zeros. */
    private static int significantDigits(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] != '.' && (n > 0 || b[i] != '0')) {
                n++;
            }
        }
        return n;
    }

    /**
     * ±digits × 10^exponent correctly rounded (Lemire, "Number Parsing at a Gigabyte per Second",
     * 2021, as fast_float does it; digits unsigned and nonzero), or NaN when the exponent is out of
     * the table or the result is subnormal, infinite or too close to a halfway point to tell.
     */
    private static double eiselLemire(long digits, int exponent, boolean negative) {
        if (exponent < Pow5.MIN || exponent > Pow5.MAX) {
            return Double.NaN;
        }
        Pow5 power = Pow5.of(exponent);
        int lz = Long.numberOfLeadingZeros(digits);
        long w = digits << lz;
        long lo = w * power.hi();
        long hi = unsignedMultiplyHigh(w, power.hi());
        if ((hi & 0x1FF) == 0x1FF) {
            long more = unsignedMultiplyHigh(w, power.lo());
            lo += more;
            if (Long.compareUnsigned(more, lo) > 0) {
                hi++;
            }
        }
        if (lo == -1L && (exponent < -27 || exponent > 55)) {
            return Double.NaN;
        }
        int upper = (int) (hi >>> 63);
        int shift = upper + 9;
        long mantissa = hi >>> shift;
        int power2 = (((152170 + 65536) * exponent) >> 16) + 63 + upper - lz + 1023;
        if (power2 <= 0) {
            return Double.NaN;
        }
        if (Long.compareUnsigned(lo, 1) <= 0 && exponent >= -4 && exponent <= 23 && (mantissa & 3) == 1
                && mantissa << shift == hi) {
            // exactly halfway: round to even, i.e. down
            mantissa &= ~1L;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= 2L << 52) {
            mantissa = 1L << 52;
            power2++;
        }
        if (power2 >= 0x7FF) {
            return Double.NaN;
        }
        return Double.longBitsToDouble(mantissa & ~(1L << 52) | (long) power2 << 52 | (negative ? Long.MIN_VALUE : 0));
    }

    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + (y & (x >> 63)) + (x & (y >> 63));
    }

    /**
     * 5^q for q in [{@link #MIN}, {@link #MAX}] as a 128-bit fraction with its top bit set
     * (truncated for q ≥ 0, rounded up for q < 0, as fast_float's table), each worked out the
     * first time it is needed: files use few exponents, and start-up stays short.
     */
    private record Pow5(long hi, long lo) {
        static final int MIN = -342;
        static final int MAX = 308;
        private static final Pow5[] TABLE = new Pow5[MAX - MIN + 1];

        static Pow5 of(int q) {
            Pow5 p = TABLE[q - MIN];
            if (p == null) {
                // threads that race here compute the same value; final fields make the store safe
                p = compute(q);
                TABLE[q - MIN] = p;
            }
            return p;
        }

        private static Pow5 compute(int q) {
            BigInteger c;
            if (q >= 0) {
                BigInteger power = BigInteger.valueOf(5).pow(q);
                int bits = power.bitLength();
                c = bits < 128 ? power.shiftLeft(128 - bits) : power.shiftRight(bits - 128);
            } else {
                BigInteger power = BigInteger.valueOf(5).pow(-q);
                int z = power.subtract(BigInteger.ONE).bitLength();
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(power).add(BigInteger.ONE);
                if (c.bitLength() > 128) {
                    c = c.shiftRight(c.bitLength() - 128);
                }
            }
            return new Pow5(c.shiftRight(64).longValue(), c.longValue());
        }
    }

    /** Parses {@code text}, trimmed of spaces and tabs. */
    public static double parse(CharSequence text) {
        byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    private static boolean isDigitOrPoint(byte c) {
        return c >= '0' && c <= '9' || c == '.';
    }

    private static boolean isHex(byte[] b, int from, int to) {
        int i = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
        return i + 1 < to && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X');
    }

    /** PEP 515: an underscore may stand between two digits ({@code 1_000.5}). */
    private static double withUnderscores(byte[] b, int from, int to) {
        byte[] digits = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] != '_') {
                digits[n++] = b[i];
            } else if (i == from || i + 1 == to || !isDigit(b[i - 1]) || !isDigit(b[i + 1])) {
                throw new NumberFormatException(text(b, from, to));
            }
        }
        if (n == to - from) {
            throw new NumberFormatException(text(b, from, to));
        }
        try {
            return parse(digits, 0, n);
        } catch (TooLarge e) {
            throw new TooLarge(text(b, from, to));
        } catch (NumberFormatException e) {
            throw new NumberFormatException(text(b, from, to));
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private static double special(String t) {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan":
                return Double.NaN;
            default:
                throw new NumberFormatException(t);
        }
    }
}
