package io.losskit.spark;

import io.losskit.core.Samples;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Sample;
import java.util.List;
import org.apache.spark.sql.Row;

/** A sample over a Spark row whose columns are the roles of a {@link LossRecipe}, in its order. */
final class RowSample implements Sample {

    private final List<String> roles;
    private Row row;

    RowSample(List<String> roles) {
        this.roles = roles;
    }

    RowSample of(Row row) {
        this.row = row;
        return this;
    }

    private Object get(String role) {
        int i = roles.indexOf(role);
        if (i < 0) {
            throw new IllegalArgumentException("the input has no column for role " + role + " (it has " + roles + ")");
        }
        return row.get(i);
    }

    private List<?> list(String role, String kind) {
        if (!(get(role) instanceof scala.collection.Seq<?>)) {
            throw new InvalidSampleException(role, "not " + kind);
        }
        return row.getList(roles.indexOf(role));
    }

    @Override
    public boolean has(String role) {
        return roles.contains(role);
    }

    @Override
    public double number(String role) {
        if (!(get(role) instanceof Number n)) {
            throw new InvalidSampleException(role, "not a number");
        }
        return n.doubleValue();
    }

    @Override
    public boolean isVector(String role) {
        return get(role) instanceof scala.collection.Seq<?>;
    }

    @Override
    public double[] vector(String role) {
        return doubles(list(role, "a vector"), role);
    }

    private static double[] doubles(List<?> list, String role) {
        double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new InvalidSampleException(role, "element " + i + " is not a number");
            }
            v[i] = n.doubleValue();
        }
        return v;
    }

    @Override
    public int classIndex(String role) {
        return Samples.classIndex(role, number(role));
    }

    @Override
    public double[][] matrix(String role) {
        List<?> rows = list(role, "a matrix");
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            if (!(rows.get(i) instanceof scala.collection.Seq<?> r)) {
                throw new InvalidSampleException(role, "row " + i + " is not an array");
            }
            m[i] = doubles(scala.jdk.javaapi.CollectionConverters.asJava(r), role);
        }
        return m;
    }

    @Override
    public String text(String role) {
        return String.valueOf(get(role));
    }

    @Override
    public boolean isText(String role) {
        return get(role) instanceof String;
    }

    @Override
    public int[] sequence(String role) {
        List<?> list = list(role, "a sequence of integers");
        int[] s = new int[list.size()];
        for (int i = 0; i < s.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != n.intValue()) {
                throw new InvalidSampleException(role, "element " + i + " is not an integer");
            }
            s[i] = n.intValue();
        }
        return s;
    }

    @Override
    public String[] tokens(String role) {
        return list(role, "a sequence of tokens").stream().map(String::valueOf).toArray(String[]::new);
    }
}
