package io.losskit.core;

import java.math.BigDecimal;

/** How results print: enough digits to read back the same double; Infinity, -Infinity, NaN spelled out. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * The shortest digits that read back as {@code v} (those of {@link Double#toString}), without
     * an exponent between 1e-5 and 1e16, where plain notation is easier to read.
     */
    public static String format(double v) {
        String s = Double.toString(v);
        double a = Math.abs(v);
        if (Double.isFinite(v) && a >= 1e-5 && a < 1e16 && s.indexOf('E') >= 0) {
            // "1.0E-4": the ".0" is no digit of the value; kept, it would print as 0.00010
            return new BigDecimal(s.replace(".0E", "E")).toPlainString();
        }
        return s;
    }
}
