package dev.glimpse.analysis;

/** Weights that cannot be used; the message names the file and the problem. */
public class WeightsException extends Exception {
    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
