package io.losskit.spark;

import io.losskit.core.Samples;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Sample;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StringType;

/**
 * A sample over one of Spark's internal rows whose fields are the roles of a {@link LossRecipe},
 * in its order, typed as {@link LosskitSpark#columnType} casts them: a number is a double, a
 * string a string, an array an array of doubles, of strings or of arrays of doubles. What a field
 * is follows from its type, known once per aggregate, so a row is read without boxing.
 */
final class InternalRowSample implements Sample {

    private enum Kind { NUMBER, TEXT, NUMBERS, TEXTS, ROWS }

    private final List<String> roles;
    private final String[] names;
    private final Kind[] kinds;
    private UnsafeRow row;

    InternalRowSample(List<String> roles, List<DataType> types) {
        this.roles = roles;
        this.names = roles.toArray(String[]::new);
        this.kinds = types.stream().map(InternalRowSample::kind).toArray(Kind[]::new);
    }

    private static Kind kind(DataType t) {
        if (t instanceof DoubleType) {
            return Kind.NUMBER;
        }
        if (t instanceof StringType) {
            return Kind.TEXT;
        }
        if (t instanceof ArrayType a) {
            return a.elementType() instanceof DoubleType ? Kind.NUMBERS
                    : a.elementType() instanceof StringType ? Kind.TEXTS : Kind.ROWS;
        }
        throw new IllegalArgumentException("no sample reads a column of type " + t.simpleString());
    }

    InternalRowSample of(UnsafeRow row) {
        this.row = row;
        return this;
    }

    /** Whether any role's field is null. */
    boolean hasNull() {
        for (int i = 0; i < kinds.length; i++) {
            if (row.isNullAt(i)) {
                return true;
            }
        }
        return false;
    }

    /** The role of the first null field, if any. */
    String nullRole() {
        for (int i = 0; i < kinds.length; i++) {
            if (row.isNullAt(i)) {
                return roles.get(i);
            }
        }
        return null;
    }

    /** The number of {@code role}, the weight. */
    double weight(int role) {
        return row.getDouble(role);
    }

    /**
     * The field of {@code role}. Losses ask by constant role names, so after the first call the
     * name is the very string of {@code names}: found by identity, without comparing characters.
     */
    private int field(String role) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == role) {
                return i;
            }
        }
        int i = roles.indexOf(role);
        if (i < 0) {
            throw new IllegalArgumentException("the input has no column for role " + role + " (it has " + roles + ")");
        }
        names[i] = role;
        return i;
    }

    @Override
    public boolean has(String role) {
        return roles.contains(role);
    }

    @Override
    public double number(String role) {
        int i = field(role);
        if (kinds[i] != Kind.NUMBER) {
            throw new InvalidSampleException(role, "not a number");
        }
        return row.getDouble(i);
    }

    @Override
    public boolean isVector(String role) {
        Kind k = kinds[field(role)];
        return k == Kind.NUMBERS || k == Kind.TEXTS || k == Kind.ROWS;
    }

    @Override
    public double[] vector(String role) {
        return doubles(array(role, "a vector"), role);
    }

    private ArrayData array(String role, String kind) {
        int i = field(role);
        if (!isVector(role)) {
            throw new InvalidSampleException(role, "not " + kind);
        }
        return row.getArray(i);
    }

    private double[] doubles(ArrayData a, String role) {
        if (a.numElements() > 0 && kinds[field(role)] != Kind.NUMBERS) {
            throw new InvalidSampleException(role, "element 0 is not a number");
        }
        return numbers(a, role);
    }

    private static double[] numbers(ArrayData a, String role) {
        for (int j = 0; j < a.numElements(); j++) {
            if (a.isNullAt(j)) {
                throw new InvalidSampleException(role, "element " + j + " is not a number");
            }
        }
        return a.toDoubleArray();
    }

    @Override
    public int classIndex(String role) {
        return Samples.classIndex(role, number(role));
    }

    @Override
    public double[][] matrix(String role) {
        ArrayData rows = array(role, "a matrix");
        if (rows.numElements() > 0 && kinds[field(role)] != Kind.ROWS) {
            throw new InvalidSampleException(role, "row 0 is not an array");
        }
        double[][] m = new double[rows.numElements()][];
        for (int j = 0; j < m.length; j++) {
            if (rows.isNullAt(j)) {
                throw new InvalidSampleException(role, "row " + j + " is not an array");
            }
            m[j] = numbers(rows.getArray(j), role);
        }
        return m;
    }

    @Override
    public String text(String role) {
        int i = field(role);
        return switch (kinds[i]) {
            case TEXT -> row.getUTF8String(i).toString();
            case NUMBER -> String.valueOf(row.getDouble(i));
            default -> throw new InvalidSampleException(role, "not a text");
        };
    }

    @Override
    public boolean isText(String role) {
        return kinds[field(role)] == Kind.TEXT;
    }

    @Override
    public int[] sequence(String role) {
        double[] v = doubles(array(role, "a sequence of integers"), role);
        int[] s = new int[v.length];
        for (int j = 0; j < v.length; j++) {
            if (v[j] != (int) v[j]) {
                throw new InvalidSampleException(role, "element " + j + " is not an integer");
            }
            s[j] = (int) v[j];
        }
        return s;
    }

    @Override
    public String[] tokens(String role) {
        ArrayData a = array(role, "a sequence of tokens");
        int i = field(role);
        String[] t = new String[a.numElements()];
        for (int j = 0; j < t.length; j++) {
            if (a.isNullAt(j) || kinds[i] == Kind.ROWS) {
                throw new InvalidSampleException(role, "element " + j + " is not a token");
            }
            t[j] = kinds[i] == Kind.TEXTS ? a.getUTF8String(j).toString() : String.valueOf(a.getDouble(j));
        }
        return t;
    }
}
