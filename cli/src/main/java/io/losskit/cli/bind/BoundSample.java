package io.losskit.cli.bind;

import io.losskit.cli.input.Cells;
import io.losskit.cli.input.JsonValues;
import io.losskit.cli.input.Record;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.RoleKind;
import io.losskit.spi.Sample;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A {@link Sample} over the current record: values are parsed when a loss asks for them, in the
 * form it asks for, checked (no NaN, vectors where vectors are needed) and cached for the other
 * losses of the same pass. The record gives typed cells; this adds the roles' checks. Problems
 * are {@link InvalidSampleException}s naming the role, which {@link Locator} turns into located
 * input errors.
 */
public final class BoundSample implements Sample {

    private final Map<String, RoleBinding> bindings;
    private final List<String> classNames;
    private final Map<String, Integer> classIndex;
    /** {@code --pos-label}: a target of this name reads as 1, any other name as 0; or null. */
    private final String posLabel;
    private Record record;
    private final Object[] cache;
    /** Per slot: 0 nothing known yet, 1 a parsed number in {@link #numbers}, 2 a list, 3 not a list. */
    private final byte[] state;
    private final double[] numbers;
    private final Check[] checks;
    /** The bound roles, found by {@link RoleIndex} (a scan beats a hash lookup for so few). */
    private final String[] roles;
    private final RoleBinding[] byRole;

    /** One role to parse the way one kind reads it, in {@link #validate()}. */
    private record Check(String role, RoleKind kind) {
    }

    /**
     * @param classIndex class names → index, for class targets given as names (a binary target's
     *     name reads as its index too: {@code --classes benign,malignant} makes malignant 1)
     * @param posLabel the binary target name that reads as 1, every other name reading as 0; or null
     */
    public BoundSample(Map<String, RoleBinding> bindings, List<String> classNames, Map<String, Integer> classIndex,
                       String posLabel) {
        this.bindings = bindings;
        this.classNames = classNames;
        this.classIndex = classIndex;
        this.posLabel = posLabel;
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
    public void reset(Record r) {
        record = r;
        Arrays.fill(cache, null);
        Arrays.fill(state, (byte) 0);
    }

    public Record record() {
        return record;
    }

    /** Whether a number or vector read from the record so far is infinite (what makes a loss NaN: ∞ − ∞). */
    public boolean readInfinity() {
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
    public BoundSample freeze() {
        BoundSample copy = new BoundSample(bindings, classNames, classIndex, posLabel);
        copy.record = record.freeze();
        System.arraycopy(cache, 0, copy.cache, 0, cache.length);
        System.arraycopy(state, 0, copy.state, 0, state.length);
        System.arraycopy(numbers, 0, copy.numbers, 0, numbers.length);
        return copy;
    }

    /** Parses every present role the way the losses will read it, so bad values surface first. */
    public void validate() {
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
            throw RoleIndex.undeclared(role);
        }
        return b;
    }

    private RoleBinding lookup(String role) {
        int i = RoleIndex.of(roles, role);
        return i < 0 ? null : byRole[i];
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

    /** The column of a one-column role, which must have a value in this record. */
    private int present(RoleBinding b) {
        int c = b.columns()[0];
        if (!record.has(c)) {
            throw new InvalidSampleException(b.role(), "no value");
        }
        return c;
    }

    @Override
    public double number(String role) {
        RoleBinding b = binding(role);
        if (b.multi()) {
            throw vectorWhereNumber(b);
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
            v = className(role, record.value(c), e);
        }
        if (Double.isNaN(v)) {
            throw new InvalidSampleException(role, "NaN where a number is needed");
        }
        state[slot] = 1;
        numbers[slot] = v;
        return v;
    }

    /** A role bound to several columns (a vector), read as a number. */
    static InvalidSampleException vectorWhereNumber(RoleBinding b) {
        return new InvalidSampleException(b.role(), "a vector (" + b.names().size() + " columns) where a number is needed");
    }

    /**
     * A binary target given as a class name: 1 for {@code --pos-label}'s name (0 for any other),
     * else its index in {@code --classes} (the second named is the positive class, as sklearn's
     * log_loss orders two string labels).
     */
    private double className(String role, Object value, NumberFormatException e) {
        if (value instanceof String s && !s.isBlank() && role.equals("target") && (posLabel != null || !classIndex.isEmpty())) {
            String t = s.trim();
            if (posLabel != null) {
                return t.equals(posLabel) ? 1 : 0;
            }
            Integer named = classIndex.get(t);
            if (named != null) {
                return named;
            }
            throw new InvalidSampleException(role, JsonValues.describe(value) + " is not a number nor one of the classes ("
                    + String.join(", ", classNames) + ")");
        }
        throw new InvalidSampleException(role, Cells.notANumber(value, e));
    }

    @Override
    public boolean isVector(String role) {
        RoleBinding b = binding(role);
        if (b.multi()) {
            return true;
        }
        int slot = b.slot();
        if (state[slot] == 0) {
            state[slot] = record.isList(present(b)) ? (byte) 2 : (byte) 3;
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
                    throw new InvalidSampleException(role, "column \"" + b.names().get(i) + "\": "
                            + Cells.notANumber(record.value(cols[i]), e));
                }
            }
        } else {
            try {
                v = record.vector(present(b));
            } catch (Cells.BadCell e) {
                throw new InvalidSampleException(role, e.getMessage());
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
        int c = present(b);
        Object r = record.value(c);
        try {
            if (r instanceof Double d) {
                return Cells.integral(d, "class index");
            }
            if (r instanceof String s) {
                String t = s.trim();
                Integer named = classIndex.get(t);
                if (named != null) {
                    return named;
                }
                double d;
                try {
                    d = record.number(c);
                } catch (NumberFormatException e) {
                    throw new InvalidSampleException(role, "unknown class name \"" + t + "\""
                            + (classNames.isEmpty() ? " (give the class names with --classes A,B,…)"
                            : " (the classes are " + String.join(", ", classNames) + ")"));
                }
                return Cells.integral(d, "class index");
            }
        } catch (Cells.BadCell e) {
            throw new InvalidSampleException(role, e.getMessage());
        }
        throw new InvalidSampleException(role, "expected a class (an index, a name or a vector), found " + JsonValues.describe(r));
    }

    @Override
    public double[][] matrix(String role) {
        RoleBinding b = binding(role);
        Object cached = cache[b.slot()];
        if (cached instanceof double[][] m) {
            return m;
        }
        double[][] m;
        try {
            m = record.matrix(present(b));
        } catch (Cells.BadCell e) {
            throw new InvalidSampleException(role, e.getMessage());
        }
        for (int i = 0; i < m.length; i++) {
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
        try {
            return record.text(present(binding(role)));
        } catch (Cells.BadCell e) {
            throw new InvalidSampleException(role, e.getMessage());
        }
    }

    @Override
    public boolean isText(String role) {
        return record.value(present(binding(role))) instanceof String;
    }

    @Override
    public int[] sequence(String role) {
        try {
            return record.ints(present(binding(role)));
        } catch (Cells.BadCell e) {
            throw new InvalidSampleException(role, e.getMessage());
        }
    }

    @Override
    public String[] tokens(String role) {
        try {
            return record.tokens(present(binding(role)));
        } catch (Cells.BadCell e) {
            throw new InvalidSampleException(role, e.getMessage());
        }
    }
}
