package io.thyme.connectors.s3.enumerator;

import io.thyme.connectors.s3.StoredObject;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.polling.CursorValues;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, from one listing, which objects are new. An object is new when its (key, last-modified)
 * was not planned before and its last-modified time is within the window behind the newest one
 * planned; a rewritten object (same key, later last-modified) is new again. An object that shows up
 * only after its last-modified time fell behind the window (e.g. a multipart upload that took
 * longer than the window) cannot be told from one read long ago; those that fell behind since the
 * previous listing are reported as skipped, the others are not seen.
 */
public final class S3ObjectPlanner {
    private final String prefix;
    private final PathMatcher pattern;
    private final Duration window;
    private final Duration maxLateness;

    /**
     * What a listing produced: the new splits (numbered {@code from.listings().nextListing()}), the
     * state after it (without pending splits and listing progress: the enumerator keeps those), and
     * what it had to skip.
     */
    public record Listing(List<S3ObjectSplit> splits, S3EnumState state, List<String> skipped) {}

    public S3ObjectPlanner(
            String prefix, String pathPattern, Duration window, Duration maxLateness) {
        this.prefix = prefix;
        this.pattern =
                pathPattern.isEmpty()
                        ? null
                        : FileSystems.getDefault().getPathMatcher("glob:" + pathPattern);
        this.window = window;
        this.maxLateness = maxLateness;
    }

    public Listing plan(List<StoredObject> objects, S3EnumState from) {
        List<S3ObjectSplit> splits = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Long> planned = new HashMap<>(from.planned());
        Object rowsFrom =
                from.rowCursor() == null
                        ? null
                        : CursorValues.overlapStart(from.rowCursor(), maxLateness);
        long newest = from.newestMillis();
        long cutoff = cutoff(from.newestMillis());
        long number = from.listings().nextListing();
        for (StoredObject object : objects) {
            if (!matches(object.key())) {
                continue;
            }
            Long known = planned.get(object.key());
            if (known != null && known >= object.lastModifiedMillis()) {
                continue;
            }
            if (object.lastModifiedMillis() < cutoff) {
                if (known == null && object.lastModifiedMillis() >= from.cutoffMillis()) {
                    skipped.add(
                            String.format(
                                    "object %s (last modified %s) appeared only after it was more"
                                            + " than %s behind the newest object; not read",
                                    object.key(),
                                    java.time.Instant.ofEpochMilli(object.lastModifiedMillis()),
                                    window));
                }
                continue;
            }
            splits.add(
                    S3ObjectSplit.of(
                            object.key(),
                            object.lastModifiedMillis(),
                            object.size(),
                            rowsFrom,
                            number));
            planned.put(object.key(), object.lastModifiedMillis());
            newest = Math.max(newest, object.lastModifiedMillis());
        }
        // Remember planned objects back to the window start this listing used, so the next
        // listing can tell an object that fell behind the window unseen from one planned before.
        long windowStart = cutoff(from.newestMillis());
        planned.values().removeIf(lastModified -> lastModified < windowStart);
        return new Listing(
                splits,
                new S3EnumState(
                        newest, windowStart, planned, from.rowCursor(), List.of(), from.listings()),
                skipped);
    }

    private long cutoff(long newest) {
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - window.toMillis();
    }

    private boolean matches(String key) {
        if (!key.startsWith(prefix) || key.endsWith("/")) {
            return false;
        }
        return pattern == null || pattern.matches(Path.of(key.substring(prefix.length())));
    }
}
