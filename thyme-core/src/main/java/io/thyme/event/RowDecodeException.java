package io.thyme.event;

/** A row that does not fit the dataset's schema; the message says which field and why. */
public final class RowDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public RowDecodeException(String message) {
        super(message);
    }
}
