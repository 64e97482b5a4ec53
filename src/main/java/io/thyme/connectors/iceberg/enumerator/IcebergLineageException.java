package io.thyme.connectors.iceberg.enumerator;

/**
 * The table cannot be read on from where the source is (rolled back, history expired, row-level
 * delete files, the cursor column gone): retrying will not help, so the job fails with the reason.
 */
public final class IcebergLineageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IcebergLineageException(String message) {
        super(message);
    }
}
