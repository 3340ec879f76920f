package io.losskit.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns JSON values into the plain Java forms of {@link Record#value}: numbers as Double, arrays
 * of numbers as double[], arrays of such arrays as double[][], arrays of strings as String[].
 */
public final class JsonValues {

    /** Stands for JSON {@code null}, which is "no value". */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** NaN and ±Infinity are read as numbers, so that they are reported as invalid values. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonValues() {
    }

    /** Reads the value at the parser's current token (which must be a value's first token). */
    public static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            case START_ARRAY:
                return readArray(p);
            case START_OBJECT:
                p.skipChildren();
                return new Object[] {"{…}"};
            default:
                throw new IOException("unexpected " + t);
        }
    }

    private static Object readArray(JsonParser p) throws IOException {
        List<Object> items = new ArrayList<>();
        double[] numbers = new double[8];
        int n = 0;
        boolean allNumbers = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (allNumbers && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)) {
                if (n == numbers.length) {
                    numbers = java.util.Arrays.copyOf(numbers, n * 2);
                }
                numbers[n++] = p.getDoubleValue();
                continue;
            }
            if (allNumbers) {
                allNumbers = false;
                for (int i = 0; i < n; i++) {
                    items.add(numbers[i]);
                }
            }
            items.add(read(p));
        }
        if (allNumbers) {
            return java.util.Arrays.copyOf(numbers, n);
        }
        if (items.stream().allMatch(double[].class::isInstance)) {
            return items.toArray(new double[0][]);
        }
        if (items.stream().allMatch(String.class::isInstance)) {
            return items.toArray(new String[0]);
        }
        return items.toArray();
    }

    /** Parses a JSON text (a CSV cell holding {@code [0.1, 0.9]}, say). */
    public static Object parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IOException("empty");
            }
            Object v = read(p);
            if (p.nextToken() != null) {
                throw new IOException("text after the value");
            }
            return v;
        }
    }

    /** A short description of a value for messages: its text, or its kind. */
    public static String describe(Object v) {
        if (v instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (v instanceof double[] || v instanceof double[][] || v instanceof Object[]) {
            return "a list";
        }
        return String.valueOf(v);
    }
}
