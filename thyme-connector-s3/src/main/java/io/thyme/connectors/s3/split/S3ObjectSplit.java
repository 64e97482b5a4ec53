package io.thyme.connectors.s3.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One object to read. {@code rowsFrom}: rows whose cursor is below it are skipped (the source's
 * row-cursor high-water mark minus max_lateness when the object was planned; null: none). {@code
 * listing}: the number of the listing that planned it ({@link #UNKNOWN_LISTING} for a split from a
 * version-1 checkpoint). {@code watermarkMillis}: the watermark a reader moves to when it starts
 * the object, set by the enumerator when it hands the object out ({@link #NO_WATERMARK}: none).
 * {@code linesConsumed} is the position (lines, or array elements, read so far), {@code maxCursor}
 * the highest cursor value and {@code maxEventTimeMillis} the newest event time emitted from it.
 */
public record S3ObjectSplit(
        String key,
        long lastModifiedMillis,
        long size,
        Object rowsFrom,
        long listing,
        long watermarkMillis,
        long linesConsumed,
        Object maxCursor,
        long maxEventTimeMillis)
        implements SourceSplit {

    public static final long UNKNOWN_LISTING = -1;
    public static final long NO_WATERMARK = Long.MIN_VALUE;
    public static final long NO_EVENT_TIME = Long.MIN_VALUE;

    public static S3ObjectSplit of(
            String key, long lastModifiedMillis, long size, Object rowsFrom, long listing) {
        return new S3ObjectSplit(
                key,
                lastModifiedMillis,
                size,
                rowsFrom,
                listing,
                NO_WATERMARK,
                0,
                null,
                NO_EVENT_TIME);
    }

    /** This split as handed out with the watermark a reader starts it at. */
    public S3ObjectSplit withWatermark(long watermark) {
        return new S3ObjectSplit(
                key,
                lastModifiedMillis,
                size,
                rowsFrom,
                listing,
                watermark,
                linesConsumed,
                maxCursor,
                maxEventTimeMillis);
    }

    /** This split after {@code lines} lines, its highest cursor and newest event time so far. */
    public S3ObjectSplit at(long lines, Object max, long maxEventTime) {
        return new S3ObjectSplit(
                key,
                lastModifiedMillis,
                size,
                rowsFrom,
                listing,
                watermarkMillis,
                lines,
                max,
                maxEventTime);
    }

    @Override
    public String splitId() {
        return key + "@" + lastModifiedMillis;
    }
}
