package io.losskit.spi;

/**
 * The input as a whole does not fit the loss (no role set matches any of its shapes, say).
 * Reported as an input error (exit 3) naming the file.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
