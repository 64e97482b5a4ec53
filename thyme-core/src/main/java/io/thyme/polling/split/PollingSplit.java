package io.thyme.polling.split;

import io.thyme.polling.position.CursorWindowPosition;
import io.thyme.polling.position.PollPosition;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One disjoint part of a polled table (a hash bucket of its key, or the whole table) and how far it
 * has been read ({@link PollPosition}). Immutable; see {@link PollingSplitState} for the mutable
 * form.
 */
public final class PollingSplit implements SourceSplit {
    private final int bucket;
    private final int bucketCount;
    private final PollPosition position;

    public PollingSplit(int bucket, int bucketCount, PollPosition position) {
        this.bucket = bucket;
        this.bucketCount = bucketCount;
        this.position = Objects.requireNonNull(position);
    }

    /** A split of a source that recognises re-reads by row identity. */
    public PollingSplit(
            int bucket, int bucketCount, Object highWaterMark, Map<Long, Object> emitted) {
        this(bucket, bucketCount, new CursorWindowPosition(highWaterMark, emitted));
    }

    public static PollingSplit initial(int bucket, int bucketCount) {
        return new PollingSplit(bucket, bucketCount, PollPosition.START);
    }

    public PollingSplit withPosition(PollPosition next) {
        return new PollingSplit(bucket, bucketCount, next);
    }

    @Override
    public String splitId() {
        return "bucket-" + bucket + "-of-" + bucketCount;
    }

    public int bucket() {
        return bucket;
    }

    public int bucketCount() {
        return bucketCount;
    }

    public PollPosition position() {
        return position;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PollingSplit)) {
            return false;
        }
        PollingSplit other = (PollingSplit) o;
        return bucket == other.bucket
                && bucketCount == other.bucketCount
                && position.equals(other.position);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, bucketCount, position);
    }

    @Override
    public String toString() {
        return splitId() + "{" + PositionText.describe(position) + "}";
    }
}
