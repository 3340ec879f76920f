package io.losskit.cli.engine;

import io.losskit.cli.input.JsonValues;
import io.losskit.cli.input.Numbers;
import io.losskit.cli.input.Record;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.RoleKind;
import io.losskit.spi.Sample;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A {@link Sample} over the current record: values are parsed when a loss asks for them, in the
 * form it asks for, checked (no NaN, vectors where vectors are needed) and cached for the other
 * losses of the same pass. Problems are {@link InvalidSampleException}s naming the role; the
 * engine turns them into located input errors.
 */
final class BoundSample implements Sample {

    private final Map<String, RoleBinding> bindings;
    private final List<String> classNames;
    private final Map<String, Integer> classIndex;
    private Record record;
    private final Object[] cache;
    /** Per slot: 0 nothing known yet, 1 a parsed number in {@link #numbers}, 2 a list, 3 not a list. */
    private final byte[] state;
    private final double[] numbers;
    private final Check[] checks;
    // A linear scan finds a role faster than a hash lookup: there are few, and loss code passes
    // literals, which are usually the very strings the binding holds.
    private final String[] roles;
    private final RoleBinding[] byRole;

    /** One role to parse the way one kind reads it, in {@link #validate()}. */
    private record Check(String role, RoleKind kind) {
    }

    BoundSample(Map<String, RoleBinding> bindings, List<String> classNames, Map<String, Integer> classIndex) {
        this.bindings = bindings;
        this.classNames = classNames;
        this.classIndex = classIndex;
        this.cache = new Object[bindings.size()];
        this.state = new byte[bindings.size()];
        this.numbers = new double[bindings.size()];
        List<Check> list = new java.util.ArrayList<>();
        for (RoleBinding b : bindings.values()) {
            for (RoleKind kind : b.kinds()) {
                list.add(new Check(b.role(), kind));
            }
        }
        this.checks = list.toArray(new Check[0]);
        this.roles = bindings.keySet().toArray(new String[0]);
        this.byRole = bindings.values().toArray(new RoleBinding[0]);
    }

    /** Points the sample at {@code r} and forgets the previous record's values. */
    void reset(Record r) {
        record = r;
        Arrays.fill(cache, null);
        Arrays.fill(state, (byte) 0);
    }

    Record record() {
        return record;
    }

    /** Whether a number or vector read from the record so far is infinite (what makes a loss NaN: ∞ − ∞). */
    boolean readInfinity() {
        for (int i = 0; i < cache.length; i++) {
            if (state[i] == 1 && Double.isInfinite(numbers[i])) {
                return true;
            }
            if (cache[i] instanceof double[] v) {
                for (double x : v) {
                    if (Double.isInfinite(x)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A copy that stays valid after the source moves on (for batch losses). */
    BoundSample freeze() {
        BoundSample copy = new BoundSample(bindings, classNames, classIndex);
        copy.record = record.freeze();
        System.arraycopy(cache, 0, copy.cache, 0, cache.length);
        System.arraycopy(state, 0, copy.state, 0, state.length);
        System.arraycopy(numbers, 0, copy.numbers, 0, numbers.length);
        return copy;
    }

    /** Parses every present role the way the losses will read it, so bad values surface first. */
    void validate() {
        for (Check check : checks) {
            String role = check.role();
            if (!has(role)) {
                continue;
            }
            switch (check.kind()) {
                case NUMBER -> number(role);
                case NUMERIC -> {
                    if (isVector(role)) {
                        vector(role);
                    } else {
                        number(role);
                    }
                }
                case VECTOR -> vector(role);
                case MATRIX -> matrix(role);
                case CLASS -> {
                    if (isVector(role)) {
                        vector(role);
                    } else {
                        classIndex(role);
                    }
                }
                case TEXT, LABEL -> text(role);
                case SEQUENCE -> {
                    if (!isText(role)) {
                        tokens(role);
                    }
                }
                default -> throw new AssertionError(check.kind());
            }
        }
    }

    private RoleBinding binding(String role) {
        RoleBinding b = lookup(role);
        if (b == null) {
            throw new IllegalArgumentException("the loss asked for role \"" + role + "\", which it did not declare");
        }
        return b;
    }

    private RoleBinding lookup(String role) {
        for (int i = 0; i < roles.length; i++) {
            if (roles[i] == role) {
                return byRole[i];
            }
        }
        for (int i = 0; i < roles.length; i++) {
            if (roles[i].equals(role)) {
                return byRole[i];
            }
        }
        return null;
    }

    @Override
    public boolean has(String role) {
        RoleBinding b = lookup(role);
        if (b == null) {
            return false;
        }
        for (int c : b.columns()) {
            if (!record.has(c)) {
                return false;
            }
        }
        return true;
    }

    private Object raw(RoleBinding b) {
        int c = b.columns()[0];
        if (!record.has(c)) {
            throw new InvalidSampleException(b.role(), "no value");
        }
        return record.value(c);
    }

    @Override
    public double number(String role) {
        RoleBinding b = binding(role);
        if (b.multi()) {
            throw new InvalidSampleException(role, "a vector (" + b.names().size() + " columns) where a number is needed");
        }
        int slot = b.slot();
        if (state[slot] == 1) {
            return numbers[slot];
        }
        int c = b.columns()[0];
        if (!record.has(c)) {
            throw new InvalidSampleException(role, "no value");
        }
        double v;
        try {
            v = record.number(c);
        } catch (NumberFormatException e) {
            throw new InvalidSampleException(role, notANumber(record.value(c), e));
        }
        if (Double.isNaN(v)) {
            throw new InvalidSampleException(role, "NaN where a number is needed");
        }
        state[slot] = 1;
        numbers[slot] = v;
        return v;
    }

    private static String notANumber(Object v, NumberFormatException e) {
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

    @Override
    public boolean isVector(String role) {
        RoleBinding b = binding(role);
        if (b.multi()) {
            return true;
        }
        int slot = b.slot();
        if (state[slot] == 0) {
            int c = b.columns()[0];
            if (!record.has(c)) {
                throw new InvalidSampleException(role, "no value");
            }
            state[slot] = record.isList(c) ? (byte) 2 : (byte) 3;
        }
        return state[slot] == 2;
    }

    @Override
    public double[] vector(String role) {
        RoleBinding b = binding(role);
        Object cached = cache[b.slot()];
        if (cached instanceof double[] d) {
            return d;
        }
        double[] v;
        if (b.multi()) {
            int[] cols = b.columns();
            v = new double[cols.length];
            for (int i = 0; i < cols.length; i++) {
                if (!record.has(cols[i])) {
                    throw new InvalidSampleException(role, "no value in column \"" + b.names().get(i) + "\"");
                }
                try {
                    v[i] = record.number(cols[i]);
                } catch (NumberFormatException e) {
                    throw new InvalidSampleException(role, "column \"" + b.names().get(i) + "\": " + notANumber(record.value(cols[i]), e));
                }
            }
        } else {
            Object r = raw(b);
            if (r instanceof double[] d) {
                v = d;
            } else if (r instanceof Double d) {
                v = new double[] {d};
            } else if (r instanceof String s) {
                v = CellText.vector(role, s);
            } else {
                throw new InvalidSampleException(role, "expected a list of numbers, found " + JsonValues.describe(r));
            }
        }
        for (double x : v) {
            if (Double.isNaN(x)) {
                throw new InvalidSampleException(role, "NaN in a vector");
            }
        }
        cache[b.slot()] = v;
        return v;
    }

    @Override
    public int classIndex(String role) {
        RoleBinding b = binding(role);
        Object r = raw(b);
        if (r instanceof Double d) {
            return integral(role, d, "class index");
        }
        if (r instanceof String s) {
            String t = s.trim();
            Integer named = classIndex.get(t);
            if (named != null) {
                return named;
            }
            try {
                return integral(role, Numbers.parse(t), "class index");
            } catch (NumberFormatException e) {
                throw new InvalidSampleException(role, "unknown class name \"" + t + "\""
                        + (classNames.isEmpty() ? " (give the class names with --classes A,B,…)"
                        : " (the classes are " + String.join(", ", classNames) + ")"));
            }
        }
        throw new InvalidSampleException(role, "expected a class (an index, a name or a vector), found " + JsonValues.describe(r));
    }

    private static int integral(String role, double d, String what) {
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new InvalidSampleException(role, what + " " + d + " is not an integer");
        }
        return (int) d;
    }

    @Override
    public double[][] matrix(String role) {
        RoleBinding b = binding(role);
        Object cached = cache[b.slot()];
        if (cached instanceof double[][] m) {
            return m;
        }
        Object r = raw(b);
        if (r instanceof String s) {
            r = CellText.json(role, s);
        }
        double[][] m;
        if (r instanceof double[][] d) {
            m = d;
        } else if (r instanceof double[] d && d.length == 0) {
            m = new double[0][];
        } else {
            throw new InvalidSampleException(role, "expected a matrix (a list of equal-length lists of numbers), found "
                    + JsonValues.describe(r));
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != m[0].length) {
                throw new InvalidSampleException(role, "ragged matrix: row " + (i + 1) + " has " + m[i].length
                        + " values, row 1 has " + m[0].length);
            }
            for (double x : m[i]) {
                if (Double.isNaN(x)) {
                    throw new InvalidSampleException(role, "NaN in row " + (i + 1));
                }
            }
        }
        cache[b.slot()] = m;
        return m;
    }

    @Override
    public String text(String role) {
        Object r = raw(binding(role));
        if (r instanceof String s) {
            return s;
        }
        if (r instanceof Double d) {
            return CellText.label(d);
        }
        if (r instanceof Boolean bool) {
            return bool.toString();
        }
        if (r instanceof String[] tokens) {
            return String.join(" ", tokens);
        }
        throw new InvalidSampleException(role, "expected text, found " + JsonValues.describe(r));
    }

    @Override
    public boolean isText(String role) {
        return raw(binding(role)) instanceof String;
    }

    @Override
    public int[] sequence(String role) {
        Object r = raw(binding(role));
        if (r instanceof String s) {
            if (!s.trim().startsWith("[")) {
                return CellText.ints(role, s);
            }
            r = CellText.json(role, s);
        }
        if (r instanceof double[] d) {
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = integral(role, d[i], "sequence item");
            }
            return out;
        }
        throw new InvalidSampleException(role, "expected a list of integers, found " + JsonValues.describe(r));
    }

    @Override
    public String[] tokens(String role) {
        Object r = raw(binding(role));
        if (r instanceof String s) {
            String t = s.trim();
            if (!t.startsWith("[")) {
                return t.isEmpty() ? new String[0] : t.split("\\s+");
            }
            r = CellText.json(role, t);
        }
        if (r instanceof String[] t) {
            return t;
        }
        if (r instanceof double[] d) {
            String[] out = new String[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = CellText.label(d[i]);
            }
            return out;
        }
        if (r instanceof Object[] items) {
            String[] out = new String[items.length];
            for (int i = 0; i < items.length; i++) {
                Object item = items[i];
                out[i] = item instanceof Double d ? CellText.label(d) : String.valueOf(item);
            }
            return out;
        }
        throw new InvalidSampleException(role, "expected a list of tokens, found " + JsonValues.describe(r));
    }

    /** Parsing of the text forms a CSV cell can hold. */
    static final class CellText {

        private CellText() {
        }

        /** A vector cell: a JSON array ({@code [0.1, 0.9]}) or space-separated numbers. */
        static double[] vector(String role, String s) {
            String t = s.trim();
            if (t.startsWith("[")) {
                Object v = json(role, t);
                if (v instanceof double[] d) {
                    return d;
                }
                throw new InvalidSampleException(role, "expected a list of numbers, found " + JsonValues.describe(v));
            }
            if (t.isEmpty()) {
                throw new InvalidSampleException(role, "an empty value where a vector is needed");
            }
            String[] parts = t.split("[\\s;]+");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    v[i] = Numbers.parse(parts[i]);
                } catch (NumberFormatException e) {
                    throw new InvalidSampleException(role, notANumber(parts[i], e));
                }
            }
            return v;
        }

        /** A cell of space-separated integers. */
        static int[] ints(String role, String s) {
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
                    throw new InvalidSampleException(role, "\"" + parts[i] + "\" is not an integer");
                }
            }
            return out;
        }

        static Object json(String role, String s) {
            try {
                return JsonValues.parse(s);
            } catch (IOException e) {
                throw new InvalidSampleException(role, "malformed JSON in the cell: " + JsonValues.describe(s));
            }
        }

        /** A number as a label: integral values without a fraction (1.0 → "1"). */
        static String label(double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
    }
}
