package io.thyme.connectors.s3.enumerator;

import io.thyme.connectors.s3.split.S3ObjectSplit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The enumerator's checkpoint. {@code planned}: objects planned (key -> last-modified) whose
 * last-modified time is at or after {@code cutoffMillis}, the window start the last listing used,
 * so a listing plans each object once; {@code rowCursor}: the highest row cursor value readers
 * reported; {@code pending}: splits not yet handed out; {@code listings}: which listings are read
 * to the end, for the watermark (see {@link ListingProgress}).
 */
public record S3EnumState(
        long newestMillis,
        long cutoffMillis,
        Map<String, Long> planned,
        Object rowCursor,
        List<S3ObjectSplit> pending,
        ListingProgress listings) {

    public S3EnumState {
        planned = java.util.Collections.unmodifiableMap(new TreeMap<>(planned));
        pending = List.copyOf(pending);
    }

    public static S3EnumState initial() {
        return new S3EnumState(
                Long.MIN_VALUE,
                Long.MIN_VALUE,
                Map.of(),
                null,
                List.of(),
                ListingProgress.initial());
    }
}
