package io.losskit.builtin.sequence;

import io.losskit.spi.Sample;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a sample's pred and target into symbol sequences (ints) for {@link EditAligner}.
 *
 * <ul>
 *   <li>A string with {@code unit=char}: its Unicode code points (a character outside the Basic
 *       Multilingual Plane is one symbol, a combining mark is a symbol of its own; no Unicode
 *       normalisation), as python-Levenshtein counts a Python {@code str}.</li>
 *   <li>A string with {@code unit=word}: the words of Python's {@code str.split()} — split on runs
 *       of Unicode whitespace (general category Zs, or bidirectional class WS, B or S), no empty
 *       words.</li>
 *   <li>A string with {@code unit=token}: a JSON array given in one cell (the engine parses it as
 *       a sequence), or else whitespace-separated tokens.</li>
 *   <li>A list: its items, whatever the unit.</li>
 * </ul>
 * With {@code ignoreCase} every code point is folded as {@link String#equalsIgnoreCase} does
 * (upper case, then lower case), so that σ and ς, or K and the Kelvin sign, compare equal.
 * Before a string is cut, {@link Normalization} may remove its punctuation and collapse its
 * whitespace, as jiwer's transformations do; a list is taken as it stands.
 *
 * <p>Not thread-safe: it reuses its buffers.
 */
final class SymbolReader {

    /** How a string is cut into symbols. */
    enum Unit {
        CHAR, WORD, TOKEN
    }

    /**
     * jiwer's text transformations, applied to a string in this order: {@code stripPunctuation}
     * removes every code point of Unicode general category P* ({@code RemovePunctuation});
     * {@code collapseWhitespace} replaces each run of two or more whitespace characters by one
     * space and strips both ends ({@code RemoveMultipleSpaces} then {@code Strip}; Python's
     * whitespace, so a lone tab stays).
     */
    record Normalization(boolean stripPunctuation, boolean collapseWhitespace) {
        static final Normalization NONE = new Normalization(false, false);

        String apply(String s) {
            if (!stripPunctuation && !collapseWhitespace) {
                return s;
            }
            StringBuilder out = new StringBuilder(s.length());
            int run = 0; // whitespace code points just seen and held back
            int held = 0; // the first of them, kept when the run stays single
            for (int k = 0; k < s.length(); ) {
                int cp = s.codePointAt(k);
                k += Character.charCount(cp);
                if (stripPunctuation && isPunctuation(cp)) {
                    continue;
                }
                if (collapseWhitespace && isPythonWhitespace(cp)) {
                    if (run++ == 0) {
                        held = cp;
                    }
                    continue;
                }
                if (run > 0) {
                    if (out.length() > 0) {
                        out.appendCodePoint(run == 1 ? held : ' ');
                    }
                    run = 0;
                }
                out.appendCodePoint(cp);
            }
            return out.toString();
        }

        /** Unicode general category P*: Pc, Pd, Ps, Pe, Pi, Pf, Po. */
        static boolean isPunctuation(int cp) {
            switch (Character.getType(cp)) {
                case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                        Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION:
                    return true;
                default:
                    return false;
            }
        }
    }

    private final Unit unit;
    private final boolean ignoreCase;
    private final Normalization normalization;
    private final Map<String, Integer> ids = new HashMap<>();
    private int[] pred = new int[64];
    private int[] target = new int[64];
    private int predLength;
    private int targetLength;
    /** The length of the last sequence written by codePoints or intern. */
    private int length;
    private char[] chars = new char[64];

    SymbolReader(Unit unit, boolean ignoreCase, Normalization normalization) {
        this.unit = unit;
        this.ignoreCase = ignoreCase;
        this.normalization = normalization;
    }

    /** Reads the sample's {@code pred} and {@code target}. */
    void read(Sample sample) {
        boolean predText = sample.isText("pred");
        boolean targetText = sample.isText("target");
        if (unit == Unit.CHAR && predText && targetText) {
            pred = codePoints(normalization.apply(sample.text("pred")), pred);
            predLength = length;
            target = codePoints(normalization.apply(sample.text("target")), target);
            targetLength = length;
            return;
        }
        ids.clear();
        pred = intern(items(sample, "pred", predText), pred);
        predLength = length;
        target = intern(items(sample, "target", targetText), target);
        targetLength = length;
    }

    int[] pred() {
        return pred;
    }

    int predLength() {
        return predLength;
    }

    int[] target() {
        return target;
    }

    int targetLength() {
        return targetLength;
    }

    private int[] codePoints(String s, int[] buf) {
        int len = s.length();
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        s.getChars(0, len, chars, 0);
        int[] out = buf.length >= len ? buf : new int[Math.max(len, buf.length * 2)];
        if (!ignoreCase) {
            // The common case, one code point per char: a plain widening copy, checked for
            // surrogates on the way.
            boolean surrogates = false;
            for (int k = 0; k < len; k++) {
                char c = chars[k];
                out[k] = c;
                if (Character.isSurrogate(c)) {
                    surrogates = true;
                }
            }
            if (!surrogates) {
                length = len;
                return out;
            }
        }
        int n = 0;
        for (int k = 0; k < len; k++) {
            int cp = chars[k];
            if (Character.isHighSurrogate((char) cp) && k + 1 < len && Character.isLowSurrogate(chars[k + 1])) {
                cp = Character.toCodePoint((char) cp, chars[++k]);
            }
            out[n++] = ignoreCase ? fold(cp) : cp;
        }
        length = n;
        return out;
    }

    /**
     * The symbols of the sample's {@code role} as {@link #read} compares them, for display: after
     * the text transformations, in their own case (not folded by {@code ignoreCase}).
     */
    String[] symbols(Sample sample, String role) {
        return items(sample, role, sample.isText(role));
    }

    /** Whether {@link #read} cut both sides of the sample into characters (unit=char, two strings). */
    boolean characters(Sample sample) {
        return unit == Unit.CHAR && sample.isText("pred") && sample.isText("target");
    }

    private String[] items(Sample sample, String role, boolean text) {
        if (!text) {
            return sample.tokens(role);
        }
        String s = sample.text(role);
        switch (unit) {
            case CHAR:
                return normalization.apply(s).codePoints().mapToObj(Character::toString).toArray(String[]::new);
            case WORD:
                return words(normalization.apply(s));
            default:
                String t = s.strip();
                if (t.startsWith("[") && t.endsWith("]")) {
                    // a list written into a text cell (CSV): the engine parses it, whatever its items
                    return sample.tokens(role);
                }
                return words(normalization.apply(s));
        }
    }

    private int[] intern(String[] items, int[] buf) {
        int[] out = buf.length >= items.length ? buf : new int[Math.max(items.length, buf.length * 2)];
        for (int k = 0; k < items.length; k++) {
            String item = ignoreCase ? fold(items[k]) : items[k];
            Integer id = ids.get(item);
            if (id == null) {
                id = ids.size();
                ids.put(item, id);
            }
            out[k] = id;
        }
        length = items.length;
        return out;
    }

    /** The words of {@code s} as Python's {@code str.split()} gives them. */
    static String[] words(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int start = -1;
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            if (isPythonWhitespace(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, k));
                    start = -1;
                }
            } else if (start < 0) {
                start = k;
            }
            k += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out.toArray(new String[0]);
    }

    /**
     * Python's {@code str.isspace()} for one code point: general category Zs, or bidirectional
     * class WS, B or S.
     */
    static boolean isPythonWhitespace(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (cp > ' ' && cp < 0x85) {
            return false;
        }
        if (Character.getType(cp) == Character.SPACE_SEPARATOR) {
            return true;
        }
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_WHITESPACE
                || dir == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
                || dir == Character.DIRECTIONALITY_SEGMENT_SEPARATOR;
    }

    /** Case folding of one code point, as {@link String#equalsIgnoreCase} compares. */
    static int fold(int cp) {
        if (cp < 0x80) {
            return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
        }
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            sb.appendCodePoint(fold(cp));
            k += Character.charCount(cp);
        }
        return sb.toString();
    }
}
