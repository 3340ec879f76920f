package io.losskit.spi;

/**
 * The input as a whole does not fit the loss (no role set matches any of its shapes, say).
 * The host reports it as an error of the input, naming the file.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
