package io.losskit.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JSON values into the plain Java forms of {@link Record#value}: numbers as Double, arrays
 * of numbers as double[], arrays of such arrays as double[][], arrays of strings as String[];
 * and the parser's complaints into messages in a user's terms.
 */
public final class JsonValues {

    /** Stands for JSON {@code null}, which is "no value". */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Stands for a JSON object where a value is expected (its content is not kept). */
    public static final Object OBJECT = new Object() {
        @Override
        public String toString() {
            return "an object";
        }
    };

    /**
     * A number too large for a double ({@code 1e309}), or a list that holds one: an error once a
     * role reads it, as in CSV, rather than a silent infinity.
     */
    record TooLarge(String text, boolean inList) {
    }

    /** The longest number text read; Jackson's default (1000) would refuse {@code 0.000…1} with 2000 digits. */
    private static final int MAX_NUMBER_LENGTH = 1 << 20;

    /**
     * NaN and ±Infinity are read as numbers, so that they are reported as invalid values; numbers
     * are parsed by FastDoubleParser (correctly rounded, as the JDK's parser, and many times faster).
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private JsonValues() {
    }

    /** Reads the value at the parser's current token (which must be a value's first token). */
    public static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(p);
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
                return OBJECT;
            default:
                throw new IllegalStateException("not at a value: " + t);
        }
    }

    /** The number at the parser: a Double, or {@link TooLarge}. */
    static Object number(JsonParser p) throws IOException {
        if (p.getTextLength() > 24) {
            // through our parser: Jackson would read a long integer as a BigInteger first
            String text = p.getText();
            try {
                return Numbers.parse(text);
            } catch (Numbers.TooLarge e) {
                return new TooLarge(text, false);
            }
        }
        double v = p.getDoubleValue();
        if (Double.isInfinite(v)) {
            // the literal Infinity is read as what it says; a finite number never is
            String text = p.getText();
            if (Character.isDigit(text.charAt(text.length() - 1))) {
                return new TooLarge(text, false);
            }
        }
        return v;
    }

    /**
     * Per thread, where the numbers of the list being read collect before their array is cut to
     * size: one buffer, not a new and growing one per list. A list's numbers move to its items
     * before a list nested in it is read, so one list at a time uses it.
     */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[256]});

    private static Object readArray(JsonParser p) throws IOException {
        List<Object> items = new ArrayList<>();
        double[][] scratch = SCRATCH.get();
        double[] numbers = scratch[0];
        int n = 0;
        boolean allNumbers = true;
        TooLarge tooLarge = null;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            boolean isNumber = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
            Object item = null;
            if (isNumber && allNumbers) {
                // the common case without a Double per item; infinities take the checks of number()
                double d = tooLarge == null && p.getTextLength() <= 24 ? p.getDoubleValue() : Double.NaN;
                if (!Double.isFinite(d)) {
                    item = number(p);
                    if (!(item instanceof Double boxed)) {
                        tooLarge = tooLarge != null ? tooLarge : new TooLarge(((TooLarge) item).text(), true);
                        continue;
                    }
                    d = boxed;
                }
                if (n == numbers.length) {
                    numbers = Arrays.copyOf(numbers, n * 2);
                    scratch[0] = numbers;
                }
                numbers[n++] = d;
                continue;
            }
            if (allNumbers) {
                allNumbers = false;
                for (int i = 0; i < n; i++) {
                    items.add(numbers[i]);
                }
            }
            item = isNumber ? number(p) : read(p);
            if (item instanceof TooLarge big) {
                tooLarge = tooLarge != null ? tooLarge : new TooLarge(big.text(), true);
                continue;
            }
            items.add(item);
        }
        if (tooLarge != null) {
            return tooLarge;
        }
        if (allNumbers) {
            return Arrays.copyOf(numbers, n);
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
        if (v instanceof TooLarge t) {
            String number = t.text().length() > 40 ? t.text().substring(0, 40) + "…" : t.text();
            return (t.inList() ? "a list holding " : "") + number + ", which is too large for a double";
        }
        if (v instanceof double[] || v instanceof double[][] || v instanceof Object[]) {
            return "a list";
        }
        return String.valueOf(v);
    }

    /** What a token is, in words ("a list", "a number"), for "expected …, found …" messages. */
    static String describe(JsonToken t) {
        if (t == null) {
            return "nothing (the text is empty)";
        }
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }

    /**
     * The name of the field being read at {@code depth} (1: the fields of a top-level object; 2:
     * those of an object in a top-level array) when the parser stopped, or null.
     */
    static String fieldAt(JsonParser p, int depth) {
        JsonStreamContext c = p.getParsingContext();
        while (c != null && c.getNestingDepth() > depth) {
            c = c.getParent();
        }
        return c != null && c.getNestingDepth() == depth && c.inObject() ? c.getCurrentName() : null;
    }

    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('.*' \\(code (\\d+)\\)\\)( in numeric value)?: (.*)", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*)': .*", Pattern.DOTALL);
    private static final Pattern CLOSE = Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*", Pattern.DOTALL);
    private static final Pattern CONTROL = Pattern.compile("Illegal (unquoted )?character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*", Pattern.DOTALL);
    private static final Pattern ESCAPE = Pattern.compile("Unrecognized character escape '(.*)' \\(code \\d+\\).*", Pattern.DOTALL);

    /**
     * What is wrong, in a user's terms: the parser's messages name its own types, features and
     * limits ({@code START_ARRAY}, {@code JsonReadFeature…}, {@code StreamReadConstraints}), which
     * mean nothing to someone whose file it is.
     */
    static String problem(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what = explain(e, m);
        JsonLocation at = e.getLocation();
        long column = at == null ? -1 : at.getColumnNr();
        return "malformed JSON: " + what + (column > 0 ? " (at character " + column + " of the line)" : "");
    }

    private static String explain(JsonProcessingException e, String m) {
        if (e instanceof StreamConstraintsException) {
            if (m.startsWith("Document nesting depth")) {
                return "lists or objects nested more than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " deep";
            }
            if (m.startsWith("Number value length")) {
                return "a number longer than " + MAX_NUMBER_LENGTH + " characters";
            }
            return "a value larger than losskit reads";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            JsonToken at = e instanceof JsonEOFException eof ? eof.getTokenBeingDecoded() : null;
            String open = at == JsonToken.VALUE_STRING || m.contains("quote") ? "a string"
                    : at == JsonToken.FIELD_NAME ? "a field name"
                    : m.contains("Object") ? "an object" : m.contains("Array") ? "a list" : "the document";
            return "the text ends inside " + open + " (is the file cut short?)";
        }
        Matcher u = UNEXPECTED.matcher(m);
        if (u.matches()) {
            String c = character(Integer.parseInt(u.group(1)));
            if (u.group(2) != null) {
                return c + " inside a number";
            }
            String rest = u.group(3);
            if (rest.startsWith("was expecting comma to separate Object")) {
                return c + " where a comma or } should follow a field's value";
            }
            if (rest.startsWith("was expecting comma to separate Array")) {
                return c + " where a comma or ] should follow a list item";
            }
            if (rest.startsWith("was expecting double-quote")) {
                return c + " where a field name in double quotes should be";
            }
            if (rest.startsWith("was expecting a colon")) {
                return c + " where a colon should follow the field name";
            }
            return c + " where a value should be";
        }
        Matcher t = TOKEN.matcher(m);
        if (t.matches()) {
            String token = t.group(1).length() > 40 ? t.group(1).substring(0, 40) + "…" : t.group(1);
            return "unexpected text '" + token + "' where a value (a number, a string, a list, an object, "
                    + "true, false or null) should be";
        }
        if (m.startsWith("Invalid numeric value")) {
            return "a malformed number" + (m.contains("Leading zero") ? " (leading zeros are not allowed)" : "");
        }
        Matcher close = CLOSE.matcher(m);
        if (close.matches()) {
            return "'" + close.group(1) + "' where '" + close.group(2) + "' should close the "
                    + (close.group(2).equals("]") ? "list" : "object");
        }
        if (m.startsWith("Unexpected close marker")) {
            return "a closing bracket with nothing open to close";
        }
        Matcher control = CONTROL.matcher(m);
        if (control.matches()) {
            return "a control character (U+" + String.format("%04X", Integer.parseInt(control.group(2))) + ") "
                    + (control.group(1) != null ? "inside a string, where JSON needs it escaped" : "between values (is this JSON text?)");
        }
        Matcher escape = ESCAPE.matcher(m);
        if (escape.matches()) {
            return "an unknown escape \\" + escape.group(1) + " in a string";
        }
        if (m.startsWith("Invalid UTF-8") || m.contains("Invalid UTF-32") || m.contains("surrogate")) {
            return "bytes that are not UTF-8 text";
        }
        return "the text is not JSON here";
    }

    private static String character(int code) {
        return code > ' ' && code < 0x7f ? "unexpected '" + (char) code + "'"
                : "an unexpected character (U+" + String.format("%04X", code) + ")";
    }
}
