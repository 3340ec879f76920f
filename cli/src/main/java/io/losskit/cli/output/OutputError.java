package io.losskit.cli.output;

/** Standard output cannot be written (a full disk, a closed pipe): exit 3, and the run stops at once. */
public final class OutputError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutputError(String reason) {
        super("cannot write the results to standard output: " + reason);
    }
}
