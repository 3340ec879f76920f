package io.losskit.cli.bind;

import io.losskit.cli.input.ColumnBatch;
import io.losskit.spi.Columns;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.RoleKind;
import io.losskit.spi.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Sample} over one row of a {@link ColumnBatch}: the columnar path's counterpart of
 * {@link BoundSample}, for bindings whose roles are each one column read as a number or a class
 * index, or several columns read as a vector (logits in {@code logit_0 … logit_k}). A role's
 * arrays are found once per batch; a row's values are finite numbers, and integers where a role
 * is read as a class (the source leaves any other row to the record path), so there is nothing to
 * check or parse: a vector is made from its columns when a loss first asks for it, as the record
 * path makes it from the record's cells. As {@link Columns}, it is the whole batch, for the losses
 * that take a batch at a time.
 */
public final class ColumnSample implements Sample, Columns {

    /** The kinds a one-column role may be read as: those a plain number satisfies. */
    private static final Set<RoleKind> NUMBERS = EnumSet.of(RoleKind.NUMBER, RoleKind.NUMERIC);
    /** The kinds a vector of columns may be read as: those the record path reads as the columns' numbers. */
    private static final Set<RoleKind> VECTORS = EnumSet.of(RoleKind.VECTOR, RoleKind.NUMERIC);

    /** The bound roles, found by {@link RoleIndex}. */
    private final String[] roles;
    /** Per role, its bindings (for the message of a vector read as a number). */
    private final RoleBinding[] bindings;
    /** Per role, the positions of its columns in {@link #columns}. */
    private final int[][] at;
    /** The distinct source columns the roles read, which a batch holds. */
    private final int[] columns;
    /** Per column of {@link #columns}, whether a role reads it as a class index (an integer). */
    private final boolean[] integral;
    /** Per role, whether it is a vector of columns (its binding's {@code multi}, kept here: every row asks). */
    private final boolean[] multi;
    /** Whether any role is a vector (else a row has no vectors to forget). */
    private final boolean anyVector;
    private ColumnBatch batch;
    /** Per role, its columns of the current batch (one for a one-column role). */
    private final double[][][] roleColumns;
    private int row;
    /** Per vector role, its vector of the current row once made, else null. */
    private final double[][] vectors;

    private ColumnSample(String[] roles, RoleBinding[] bindings, int[][] at, int[] columns, boolean[] integral) {
        this.roles = roles;
        this.bindings = bindings;
        this.at = at;
        this.columns = columns;
        this.integral = integral;
        this.vectors = new double[roles.length][];
        this.multi = new boolean[roles.length];
        boolean any = false;
        for (int i = 0; i < roles.length; i++) {
            multi[i] = bindings[i].multi();
            any |= multi[i];
        }
        this.anyVector = any;
        this.roleColumns = new double[roles.length][][];
    }

    /**
     * A sample over batches of {@code bindings}' columns, or null when a role is neither one column
     * read as a number or class index nor columns read as a vector.
     *
     * @param numberNames whether a class name ({@code --classes}, or the columns of a pred vector)
     *     is a plain number other than its index: a class cell is looked up among the names before
     *     it is read as a number, so such a cell means another class, which the record path alone tells
     */
    public static ColumnSample of(Map<String, RoleBinding> bindings, boolean numberNames) {
        int n = bindings.size();
        String[] roles = new String[n];
        RoleBinding[] bound = new RoleBinding[n];
        int[][] at = new int[n][];
        List<Integer> columns = new ArrayList<>();
        List<Boolean> integral = new ArrayList<>();
        int i = 0;
        for (RoleBinding b : bindings.values()) {
            boolean asClass = !b.multi() && b.kinds().contains(RoleKind.CLASS);
            Set<RoleKind> others = b.kinds().isEmpty() ? EnumSet.noneOf(RoleKind.class) : EnumSet.copyOf(b.kinds());
            others.remove(RoleKind.CLASS);
            boolean fits = b.multi() ? VECTORS.containsAll(b.kinds()) && !b.kinds().isEmpty()
                    : b.columns().length == 1 && NUMBERS.containsAll(others) && !(asClass && numberNames);
            if (!fits) {
                return null;
            }
            at[i] = new int[b.columns().length];
            for (int k = 0; k < b.columns().length; k++) {
                int c = b.columns()[k];
                int pos = columns.indexOf(c);
                if (pos < 0) {
                    pos = columns.size();
                    columns.add(c);
                    integral.add(false);
                }
                if (asClass) {
                    integral.set(pos, true);
                }
                at[i][k] = pos;
            }
            roles[i] = b.role();
            bound[i++] = b;
        }
        int[] cols = new int[columns.size()];
        boolean[] ints = new boolean[cols.length];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = columns.get(k);
            ints[k] = integral.get(k);
        }
        return new ColumnSample(roles, bound, at, cols, ints);
    }

    /** The source columns a batch must hold, in its order. */
    public int[] columns() {
        return columns.clone();
    }

    /** Per column of {@link #columns()}, whether its values must be class indices (integers) for a row to be in a batch. */
    public boolean[] integral() {
        return integral.clone();
    }

    /** The position in a batch of {@code role}'s column (the first, for a vector), or −1 when it is not bound. */
    public int position(String role) {
        int i = RoleIndex.of(roles, role);
        return i < 0 ? -1 : at[i][0];
    }

    /** Points the sample at the rows of {@code batch}. */
    public void batch(ColumnBatch batch) {
        this.batch = batch;
        for (int i = 0; i < roles.length; i++) {
            roleColumns[i] = new double[at[i].length][];
            for (int k = 0; k < at[i].length; k++) {
                roleColumns[i][k] = batch.values[at[i][k]];
            }
        }
    }

    /** Points the sample at row {@code i} of the batch. */
    @Override
    public Sample row(int i) {
        row = i;
        if (anyVector) {
            Arrays.fill(vectors, null);
        }
        return this;
    }

    @Override
    public int size() {
        return batch.size;
    }

    @Override
    public double[] column(String role) {
        int i = index(role);
        if (multi[i]) {
            throw BoundSample.vectorWhereNumber(bindings[i]);
        }
        return roleColumns[i][0];
    }

    @Override
    public double[][] columns(String role) {
        return roleColumns[index(role)];
    }

    private int index(String role) {
        int i = RoleIndex.of(roles, role);
        if (i < 0) {
            throw RoleIndex.undeclared(role);
        }
        return i;
    }

    @Override
    public boolean has(String role) {
        return RoleIndex.of(roles, role) >= 0;
    }

    @Override
    public double number(String role) {
        return column(role)[row];
    }

    @Override
    public boolean isVector(String role) {
        return multi[index(role)];
    }

    /** A number read as a vector is a vector of one, as on the record path; columns make a new vector per row. */
    @Override
    public double[] vector(String role) {
        int i = index(role);
        if (!multi[i]) {
            return new double[] {roleColumns[i][0][row]};
        }
        double[] v = vectors[i];
        if (v == null) {
            double[][] cols = roleColumns[i];
            v = new double[cols.length];
            for (int k = 0; k < cols.length; k++) {
                v[k] = cols[k][row];
            }
            vectors[i] = v;
        }
        return v;
    }

    /** The class index of a one-column role read as a class: the batch holds only integers in its column. */
    @Override
    public int classIndex(String role) {
        int i = index(role);
        if (multi[i] || !integral[at[i][0]]) {
            throw notANumber(role, "a class");
        }
        return (int) roleColumns[i][0][row];
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
