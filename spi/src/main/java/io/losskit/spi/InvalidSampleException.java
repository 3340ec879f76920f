package io.losskit.spi;

/**
 * A value outside a loss's domain (a log of a value ≤ −1, a negative variance, a class index out
 * of range). The engine turns it into an input error naming the file, the line and the column
 * bound to {@link #role()}.
 */
public class InvalidSampleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String role;
    private final int batchIndex;

    /**
     * @param role the role whose value is wrong, e.g. {@code target}
     * @param message what is wrong, e.g. "class index 7 is out of range [0, 4)"
     */
    public InvalidSampleException(String role, String message) {
        this(role, message, -1);
    }

    /**
     * For a {@link BatchLoss}: names the offending sample by its position in the batch, so that
     * the engine can report its line.
     *
     * @param batchIndex the sample's index in the list passed to {@link BatchLoss#evaluate}
     */
    public InvalidSampleException(String role, String message, int batchIndex) {
        super(message);
        this.role = role;
        this.batchIndex = batchIndex;
    }

    /** The offending sample's index within its batch, or −1 when not given. */
    public int batchIndex() {
        return batchIndex;
    }

    /** The role whose value is wrong. */
    public String role() {
        return role;
    }
}
