package io.thyme.connectors.iceberg.enumerator;

import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * The table cannot be read on from where the source is (rolled back, history expired, the cursor
 * column gone): retrying will not help, so the job fails once with the reason. Flink's failure
 * handling reads the annotation and does not restart the job, whatever its restart strategy.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class IcebergLineageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IcebergLineageException(String message) {
        super(message);
    }
}
