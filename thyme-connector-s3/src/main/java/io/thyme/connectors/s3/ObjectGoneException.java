package io.thyme.connectors.s3;

import java.io.IOException;

/** The object was listed but is gone when read (deleted, or expired by a lifecycle rule). */
public final class ObjectGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    public ObjectGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
