package io.losskit.cli.engine;

/**
 * A loss that failed (exit 4): it threw, overflowed the stack, ran out of memory or computed past
 * {@code --loss-timeout}. The message names the loss and where it came from (its jar).
 */
public final class LossFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private LossFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What to throw for {@code failure}, raised by the code of {@code loss}: a LossFailure, except
     * for an exception of a built-in loss, which is losskit's own bug and passes as it is.
     */
    static RuntimeException of(LoadedLoss loss, Throwable failure) {
        if (failure instanceof RuntimeException e && loss.builtIn()) {
            return e;
        }
        String name = "loss " + loss.descriptor().id() + " (" + loss.describeOrigin() + ")";
        if (failure instanceof OutOfMemoryError) {
            return new LossFailure(OutOfMemory.message(name), failure);
        }
        if (failure instanceof StackOverflowError) {
            return new LossFailure(name + " failed: stack overflow (a recursion that does not end?)", failure);
        }
        String m = failure.getMessage();
        return new LossFailure(name + " failed: " + failure.getClass().getName() + (m == null ? "" : ": " + m), failure);
    }

    /** The loss computed for longer than {@code --loss-timeout} in one call. */
    public static LossFailure timeout(LoadedLoss loss, String seconds) {
        return new LossFailure("loss " + loss.descriptor().id() + " (" + loss.describeOrigin() + ") computed for more than "
                + seconds + " s (--loss-timeout) and was stopped", null);
    }
}
