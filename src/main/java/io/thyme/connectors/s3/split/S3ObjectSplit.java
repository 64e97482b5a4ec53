package io.thyme.connectors.s3.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One object to read. {@code rowsFrom}: rows whose cursor is below it are skipped (the source's
 * row-cursor high-water mark minus max_lateness when the object was planned; null: none). {@code
 * linesConsumed} is the position (lines, or array elements, read so far) and {@code maxCursor} the
 * highest cursor value emitted from it.
 */
public record S3ObjectSplit(
        String key,
        long lastModifiedMillis,
        long size,
        Object rowsFrom,
        long linesConsumed,
        Object maxCursor)
        implements SourceSplit {

    public static S3ObjectSplit of(
            String key, long lastModifiedMillis, long size, Object rowsFrom) {
        return new S3ObjectSplit(key, lastModifiedMillis, size, rowsFrom, 0, null);
    }

    public S3ObjectSplit at(long lines, Object max) {
        return new S3ObjectSplit(key, lastModifiedMillis, size, rowsFrom, lines, max);
    }

    @Override
    public String splitId() {
        return key + "@" + lastModifiedMillis;
    }
}
