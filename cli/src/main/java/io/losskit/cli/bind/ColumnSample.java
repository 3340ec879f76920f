package io.losskit.cli.bind;

import io.losskit.cli.input.ColumnBatch;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.RoleKind;
import io.losskit.spi.Sample;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Sample} over one row of a {@link ColumnBatch}: the columnar path's counterpart of
 * {@link BoundSample}, for bindings whose roles are all one column read as a number. A role's
 * array is found once per batch; a row's values are finite numbers (the source leaves any other
 * row to the record path), so there is nothing to check, parse or cache.
 */
public final class ColumnSample implements Sample {

    /** The kinds a role may be read as on the columnar path: those a plain number satisfies. */
    private static final Set<RoleKind> NUMBERS = EnumSet.of(RoleKind.NUMBER, RoleKind.NUMERIC);

    /** The bound roles, found by {@link RoleIndex}. */
    private final String[] roles;
    /** Per role, its column's position in {@link #columns}. */
    private final int[] at;
    /** The distinct source columns the roles read, which a batch holds. */
    private final int[] columns;
    private double[][] values;
    private int row;

    private ColumnSample(String[] roles, int[] at, int[] columns) {
        this.roles = roles;
        this.at = at;
        this.columns = columns;
    }

    /** A sample over batches of {@code bindings}' columns, or null when a role is not one column read as a number. */
    public static ColumnSample of(Map<String, RoleBinding> bindings) {
        String[] roles = new String[bindings.size()];
        int[] at = new int[roles.length];
        List<Integer> columns = new ArrayList<>();
        int i = 0;
        for (RoleBinding b : bindings.values()) {
            if (b.multi() || b.columns().length != 1 || !NUMBERS.containsAll(b.kinds())) {
                return null;
            }
            int c = b.columns()[0];
            if (!columns.contains(c)) {
                columns.add(c);
            }
            roles[i] = b.role();
            at[i++] = columns.indexOf(c);
        }
        return new ColumnSample(roles, at, columns.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The source columns a batch must hold, in its order. */
    public int[] columns() {
        return columns.clone();
    }

    /** The position in a batch of {@code role}'s column, or −1 when it is not bound. */
    public int column(String role) {
        int i = RoleIndex.of(roles, role);
        return i < 0 ? -1 : at[i];
    }

    /** Points the sample at the rows of {@code batch}. */
    public void batch(ColumnBatch batch) {
        values = batch.values;
    }

    /** Points the sample at row {@code i} of the batch. */
    public void row(int i) {
        row = i;
    }

    @Override
    public boolean has(String role) {
        return column(role) >= 0;
    }

    @Override
    public double number(String role) {
        int c = column(role);
        if (c < 0) {
            throw RoleIndex.undeclared(role);
        }
        return values[c][row];
    }

    @Override
    public boolean isVector(String role) {
        number(role);
        return false;
    }

    /** A number read as a vector is a vector of one, as on the record path. */
    @Override
    public double[] vector(String role) {
        return new double[] {number(role)};
    }

    @Override
    public int classIndex(String role) {
        throw notANumber(role, "a class");
    }

    @Override
    public double[][] matrix(String role) {
        throw notANumber(role, "a matrix");
    }

    @Override
    public String text(String role) {
        throw notANumber(role, "text");
    }

    @Override
    public boolean isText(String role) {
        number(role);
        return false;
    }

    @Override
    public int[] sequence(String role) {
        throw notANumber(role, "a sequence");
    }

    @Override
    public String[] tokens(String role) {
        throw notANumber(role, "tokens");
    }

    /** A loss that declared a role a number and reads it as something else. */
    private InvalidSampleException notANumber(String role, String what) {
        return new InvalidSampleException(role, "a number where " + what + " is needed");
    }
}
