package io.thyme.polling.split;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One disjoint part of a polled table (a hash bucket of its key, or the whole table) and how far it
 * has been read: the cursor's high-water mark and the rows already emitted in the overlap window
 * behind it (identity -> cursor value), so a re-read emits none of them twice. Immutable; see
 * {@link PollingSplitState} for the mutable form.
 */
public final class PollingSplit implements SourceSplit {
    private final int bucket;
    private final int bucketCount;
    private final Object highWaterMark;
    private final Map<Long, Object> emitted;

    public PollingSplit(
            int bucket, int bucketCount, Object highWaterMark, Map<Long, Object> emitted) {
        this.bucket = bucket;
        this.bucketCount = bucketCount;
        this.highWaterMark = highWaterMark;
        this.emitted = Collections.unmodifiableMap(new LinkedHashMap<>(emitted));
    }

    public static PollingSplit initial(int bucket, int bucketCount) {
        return new PollingSplit(bucket, bucketCount, null, Map.of());
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

    public Optional<Object> highWaterMark() {
        return Optional.ofNullable(highWaterMark);
    }

    public Map<Long, Object> emitted() {
        return emitted;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PollingSplit)) {
            return false;
        }
        PollingSplit other = (PollingSplit) o;
        return bucket == other.bucket
                && bucketCount == other.bucketCount
                && java.util.Objects.equals(highWaterMark, other.highWaterMark)
                && emitted.equals(other.emitted);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(bucket, bucketCount, highWaterMark, emitted);
    }

    @Override
    public String toString() {
        return splitId()
                + "{highWaterMark="
                + highWaterMark
                + ", emittedInWindow="
                + emitted.size()
                + "}";
    }
}
