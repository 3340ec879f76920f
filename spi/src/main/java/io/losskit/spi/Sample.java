package io.losskit.spi;

/**
 * One record's values, by role name ({@code pred}, {@code target}, {@code weight}, a loss's own
 * roles). Values are parsed and checked against the role's {@link RoleKind} before a loss sees
 * them: a loss asks for what its descriptor declared and gets it.
 *
 * <p>A sample is only valid during the call it is passed to; a {@link BatchLoss} may keep the
 * samples of its batch until {@code evaluate} returns. Arrays returned must not be modified.
 */
public interface Sample {

    /** Whether the input provides {@code role} (for optional roles such as {@code weight}). */
    boolean has(String role);

    /** A {@link RoleKind#NUMBER} value, or a {@link RoleKind#NUMERIC} one that is a scalar. */
    double number(String role);

    /**
     * Whether a {@link RoleKind#NUMERIC} or {@link RoleKind#CLASS} value is a vector rather than a
     * scalar or a class index.
     */
    boolean isVector(String role);

    /** A {@link RoleKind#VECTOR} value, or a {@link RoleKind#NUMERIC}/{@link RoleKind#CLASS} one that is a vector. */
    double[] vector(String role);

    /**
     * A {@link RoleKind#CLASS} value given as a class: its 0-based index (the host maps class
     * names to indices, from a list the user gives or the pred vector's labels, before the loss
     * sees them). The index is not range-checked: the loss knows the number of classes.
     */
    int classIndex(String role);

    /** A {@link RoleKind#MATRIX} value: rows of equal length. */
    double[][] matrix(String role);

    /** A {@link RoleKind#TEXT} or {@link RoleKind#LABEL} value, or a {@link RoleKind#SEQUENCE} given as a string. */
    String text(String role);

    /** Whether a {@link RoleKind#SEQUENCE} value was given as a string rather than a list. */
    boolean isText(String role);

    /** A {@link RoleKind#SEQUENCE} value given as a list of integers. */
    int[] sequence(String role);

    /** A {@link RoleKind#SEQUENCE} value given as a list, its items as strings (tokens). */
    String[] tokens(String role);
}
