package io.losskit.spark;

/**
 * A JSON text written in order, without a library: the jar may not bring Jackson onto Spark's class
 * path, which has its own. Numbers as {@link Double#toString} writes them; non-finite ones as the
 * strings "Infinity", "-Infinity", "NaN", as the command line writes them.
 */
final class Json {

    private final StringBuilder text = new StringBuilder();
    /** Whether the next member or element needs a comma before it. */
    private boolean comma;

    Json begin(char bracket) {
        separate();
        text.append(bracket);
        comma = false;
        return this;
    }

    Json end(char bracket) {
        text.append(bracket);
        comma = true;
        return this;
    }

    Json key(String key) {
        separate();
        string(key);
        text.append(": ");
        comma = false;
        return this;
    }

    /** A string, number, boolean, null, or an array of doubles (a list parameter); anything else as its text. */
    Json value(Object v) {
        separate();
        if (v == null) {
            text.append("null");
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                text.append(io.losskit.core.Numbers.format(d));
            } else {
                string(d.toString());
            }
        } else if (v instanceof Float f) {
            return value(f.doubleValue());
        } else if (v instanceof Number || v instanceof Boolean) {
            text.append(v);
        } else if (v instanceof double[] list) {
            text.append('[');
            comma = false;
            for (double d : list) {
                value(d);
            }
            text.append(']');
        } else {
            string(v.toString());
        }
        comma = true;
        return this;
    }

    private void separate() {
        if (comma) {
            text.append(", ");
        }
    }

    private void string(String s) {
        text.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
