package io.losskit.cli.input;

/** A usage error (exit 2): an unknown loss or parameter, a value out of range, options that do not fit. */
public final class UsageError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
