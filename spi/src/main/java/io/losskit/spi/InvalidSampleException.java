package io.losskit.spi;

/**
 * A value outside a loss's domain (a log of a value ≤ −1, a negative variance, a class index out
 * of range). The engine turns it into an input error naming the file, the line and the column
 * bound to {@link #role()}.
 */
public class InvalidSampleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String role;

    /**
     * @param role the role whose value is wrong, e.g. {@code target}
     * @param message what is wrong, e.g. "class index 7 is out of range [0, 4)"
     */
    public InvalidSampleException(String role, String message) {
        super(message);
        this.role = role;
    }

    /** The role whose value is wrong. */
    public String role() {
        return role;
    }
}
