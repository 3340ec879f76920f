package io.losskit.cli.input;

import java.io.IOException;

/**
 * Typed values from cells, as {@link Record}'s typed accessors give them: how a value of
 * {@link Record#value} (a CSV cell's text, or a JSON value) reads as a vector, a matrix, integers,
 * tokens or text. A value that does not read so is a {@link BadCell}, whose message names no
 * column: the caller knows which role it was reading.
 */
public final class Cells {

    /** A value that is not of the form asked for; the message says why, in a user's terms. */
    public static final class BadCell extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadCell(String message) {
            super(message, null, false, false);
        }
    }

    private Cells() {
    }

    /**
     * Whether {@code b[from..to)} holds a list: it starts with {@code [} (after spaces), or has
     * several items separated by spaces, tabs or semicolons.
     */
    static boolean isList(byte[] b, int from, int to) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && b[to - 1] == ' ') {
            to--;
        }
        if (from < to && b[from] == '[') {
            return true;
        }
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == ';') {
                return true;
            }
        }
        return false;
    }

    /** Why {@code v} is not a number, {@code e} being what parsing it threw. */
    public static String notANumber(Object v, NumberFormatException e) {
        if (e instanceof Numbers.TooLarge) {
            return e.getMessage();
        }
        if (v instanceof double[] || v instanceof double[][]) {
            return "a list where a number is needed";
        }
        if (v instanceof String s && s.isBlank()) {
            return "an empty value where a number is needed";
        }
        return JsonValues.describe(v) + " is not a number";
    }

    /** A vector: a list of numbers, a number (a vector of one), or text: a JSON array or space-separated numbers. */
    static double[] vector(Object v) {
        if (v instanceof double[] d) {
            return d;
        }
        if (v instanceof Double d) {
            return new double[] {d};
        }
        if (v instanceof String s) {
            return vector(s);
        }
        throw new BadCell("expected a list of numbers, found " + JsonValues.describe(v));
    }

    private static double[] vector(String s) {
        String t = s.trim();
        if (t.startsWith("[")) {
            Object v = json(t);
            if (v instanceof double[] d) {
                return d;
            }
            throw new BadCell("expected a list of numbers, found " + JsonValues.describe(v));
        }
        if (t.isEmpty()) {
            throw new BadCell("an empty value where a vector is needed");
        }
        String[] parts = t.split("[\\s;]+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Numbers.parse(parts[i]);
            } catch (NumberFormatException e) {
                throw new BadCell(notANumber(parts[i], e));
            }
        }
        return v;
    }

    /** A matrix: a list of equal-length lists of numbers (JSON, or a cell's JSON text). */
    static double[][] matrix(Object v) {
        Object r = v instanceof String s ? json(s) : v;
        double[][] m;
        if (r instanceof double[][] d) {
            m = d;
        } else if (r instanceof double[] d && d.length == 0) {
            m = new double[0][];
        } else {
            throw new BadCell("expected a matrix (a list of equal-length lists of numbers), found " + JsonValues.describe(r));
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != m[0].length) {
                throw new BadCell("ragged matrix: row " + (i + 1) + " has " + m[i].length + " values, row 1 has "
                        + m[0].length);
            }
        }
        return m;
    }

    /** Integers: a list of integral numbers, or text: space-separated integers or a JSON array. */
    static int[] ints(Object v) {
        Object r = v;
        if (r instanceof String s) {
            if (!s.trim().startsWith("[")) {
                return ints(s);
            }
            r = json(s);
        }
        if (r instanceof double[] d) {
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = integral(d[i], "sequence item");
            }
            return out;
        }
        throw new BadCell("expected a list of integers, found " + JsonValues.describe(r));
    }

    private static int[] ints(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split("\\s+");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new BadCell("\"" + parts[i] + "\" is not an integer");
            }
        }
        return out;
    }

    /** {@code d} as an int, when it is one; {@code what} names it in the message otherwise. */
    public static int integral(double d, String what) {
        if (!isIntegral(d)) {
            throw new BadCell(what + " " + d + " is not an integer");
        }
        return (int) d;
    }

    /** Whether {@link #integral} takes {@code d}: an integer within int's range. */
    public static boolean isIntegral(double d) {
        return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE;
    }

    /** Tokens: a list of strings or numbers, or text: space-separated words or a JSON array. */
    static String[] tokens(Object v) {
        Object r = v;
        if (r instanceof String s) {
            String t = s.trim();
            if (!t.startsWith("[")) {
                return t.isEmpty() ? new String[0] : t.split("\\s+");
            }
            r = json(t);
        }
        if (r instanceof String[] t) {
            return t;
        }
        if (r instanceof double[] d) {
            String[] out = new String[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = label(d[i]);
            }
            return out;
        }
        if (r instanceof Object[] items) {
            String[] out = new String[items.length];
            for (int i = 0; i < items.length; i++) {
                Object item = items[i];
                out[i] = item instanceof Double d ? label(d) : String.valueOf(item);
            }
            return out;
        }
        throw new BadCell("expected a list of tokens, found " + JsonValues.describe(r));
    }

    /** Text: a string, a number as a label, true or false, tokens joined by spaces. */
    static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return label(d);
        }
        if (v instanceof Boolean bool) {
            return bool.toString();
        }
        if (v instanceof String[] tokens) {
            return String.join(" ", tokens);
        }
        throw new BadCell("expected text, found " + JsonValues.describe(v));
    }

    private static Object json(String s) {
        try {
            return JsonValues.parse(s);
        } catch (IOException e) {
            throw new BadCell("malformed JSON in the cell: " + JsonValues.describe(s));
        }
    }

    /** A number as a label: integral values without a fraction (1.0 → "1"). */
    public static String label(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
