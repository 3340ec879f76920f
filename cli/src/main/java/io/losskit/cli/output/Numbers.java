package io.losskit.cli.output;

/** How results print: enough digits to read back the same double; Infinity, -Infinity, NaN spelled out. */
public final class Numbers {

    private Numbers() {
    }

    /** The shortest text that reads back as {@code v} (Java's {@link Double#toString}). */
    public static String format(double v) {
        if (v == 0.0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        return Double.toString(v);
    }
}
