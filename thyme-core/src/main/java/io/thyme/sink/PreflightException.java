package io.thyme.sink;

/** The job cannot start against the systems it connects to; the message says what to fix. */
public final class PreflightException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PreflightException(String message) {
        super(message);
    }

    public PreflightException(String message, Throwable cause) {
        super(message, cause);
    }
}
