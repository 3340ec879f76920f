package io.losskit.cli.input;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
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
        // JavaDoubleParser reads Java's syntax, which is Python's without the underscores, plus
        // what these checks rule out: suffixes (1d, 1f; a number otherwise ends in a digit or a
        // point), hexadecimal (0x1p3) and control characters stripped from either end
        if (from < to && isDigitOrPoint(bytes[to - 1]) && bytes[from] > ' ' && !isHex(bytes, from, to)) {
            double v;
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
