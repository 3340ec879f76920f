package io.losskit.cli.input;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;

/** Parses numbers as they appear in data files, including Python's {@code inf} and {@code nan}. */
public final class Numbers {

    private Numbers() {
    }

    /** Parses {@code bytes[from..to)}, trimmed of spaces. */
    public static double parse(byte[] bytes, int from, int to) {
        while (from < to && bytes[from] == ' ') {
            from++;
        }
        while (to > from && bytes[to - 1] == ' ') {
            to--;
        }
        if (from < to) {
            try {
                return JavaDoubleParser.parseDouble(bytes, from, to - from);
            } catch (NumberFormatException e) {
                // fall through to the spellings JavaDoubleParser does not take
            }
        }
        return special(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    /** Parses {@code text}, trimmed. */
    public static double parse(CharSequence text) {
        String t = text.toString().trim();
        if (!t.isEmpty()) {
            try {
                return JavaDoubleParser.parseDouble(t);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        return special(t);
    }

    private static double special(String t) {
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
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
