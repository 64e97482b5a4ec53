package io.thyme.connectors.s3.enumerator;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which listings are read to the end, and the watermark that allows. An S3 object carries no
 * statistics, so nothing tells the oldest event time of an object before it is read. The objects
 * one listing finds are therefore read as one batch: a reader starts each object at the watermark
 * of the listings read completely before it (the newest event time they held minus max_lateness),
 * so a row is late only relative to objects that arrived in earlier listings, never relative to
 * objects that arrived with it, whatever the order of their keys or of the rows inside them. A
 * first start or a catch-up is one listing, so a history lands in the dataset topic whole.
 *
 * <p>{@code open}: per listing not yet read to the end, the splits not yet reported finished (by
 * id, so an object read again after a reader's failover is not counted twice) and the newest event
 * time of those that were; {@code readMaxEventTimeMillis}: the newest event time of the listings
 * read to the end (listings complete in order: a listing counts only once every listing before it
 * is read too). Owned by the enumerator and changed in place (a report costs O(log n), not a copy
 * of its listing); {@link #copy} for a checkpoint.
 */
public final class ListingProgress {
    public static final long NO_EVENT_TIME = Long.MIN_VALUE;

    private long nextListing;
    private long readMaxEventTimeMillis;
    private final TreeMap<Long, Listing> open = new TreeMap<>();

    /** A listing being read: the splits left, newest event time of the objects finished. */
    public static final class Listing {
        private final TreeSet<String> unread;
        private long maxEventTimeMillis;

        public Listing(Collection<String> unread, long maxEventTimeMillis) {
            this.unread = new TreeSet<>(unread);
            this.maxEventTimeMillis = maxEventTimeMillis;
        }

        public Set<String> unread() {
            return Collections.unmodifiableSet(unread);
        }

        public long maxEventTimeMillis() {
            return maxEventTimeMillis;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Listing that
                    && unread.equals(that.unread)
                    && maxEventTimeMillis == that.maxEventTimeMillis;
        }

        @Override
        public int hashCode() {
            return Objects.hash(unread, maxEventTimeMillis);
        }

        @Override
        public String toString() {
            return unread.size() + " unread, newest " + maxEventTimeMillis;
        }
    }

    public ListingProgress(long nextListing, long readMaxEventTimeMillis, Map<Long, Listing> open) {
        this.nextListing = nextListing;
        this.readMaxEventTimeMillis = readMaxEventTimeMillis;
        open.forEach(
                (number, listing) ->
                        this.open.put(
                                number, new Listing(listing.unread, listing.maxEventTimeMillis)));
    }

    public static ListingProgress initial() {
        return new ListingProgress(0, NO_EVENT_TIME, Map.of());
    }

    public long nextListing() {
        return nextListing;
    }

    public long readMaxEventTimeMillis() {
        return readMaxEventTimeMillis;
    }

    public SortedMap<Long, Listing> open() {
        return Collections.unmodifiableSortedMap(open);
    }

    /** A deep copy, for a checkpoint. */
    public ListingProgress copy() {
        return new ListingProgress(nextListing, readMaxEventTimeMillis, open);
    }

    /** Records a listing that planned these splits (it gets number {@link #nextListing}). */
    public ListingProgress planned(Collection<String> splitIds) {
        if (!splitIds.isEmpty()) {
            open.put(nextListing, new Listing(splitIds, NO_EVENT_TIME));
        }
        nextListing++;
        return this;
    }

    /**
     * Records that a reader finished the split {@code splitId} of {@code listing} whose newest
     * event time was {@code maxEventTimeMillis}; a split this does not track (reported before, or
     * from a version-1 checkpoint) changes nothing.
     */
    public ListingProgress finished(long listing, String splitId, long maxEventTimeMillis) {
        Listing current = open.get(listing);
        if (current == null || !current.unread.remove(splitId)) {
            return this;
        }
        current.maxEventTimeMillis = Math.max(current.maxEventTimeMillis, maxEventTimeMillis);
        while (!open.isEmpty() && open.firstEntry().getValue().unread.isEmpty()) {
            readMaxEventTimeMillis =
                    Math.max(
                            readMaxEventTimeMillis,
                            open.pollFirstEntry().getValue().maxEventTimeMillis);
        }
        return this;
    }

    /** The watermark an object handed out now starts at, or {@code Long.MIN_VALUE}: none. */
    public long watermark(Duration maxLateness) {
        long lateness = maxLateness.toMillis();
        if (readMaxEventTimeMillis == NO_EVENT_TIME
                || readMaxEventTimeMillis < Long.MIN_VALUE + lateness + 1) {
            return Long.MIN_VALUE;
        }
        return readMaxEventTimeMillis - lateness - 1;
    }

    /** For the log and the metrics: objects planned and not yet read to the end. */
    public int unread() {
        int unread = 0;
        for (Listing listing : open.values()) {
            unread += listing.unread.size();
        }
        return unread;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListingProgress that
                && nextListing == that.nextListing
                && readMaxEventTimeMillis == that.readMaxEventTimeMillis
                && open.equals(that.open);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nextListing, readMaxEventTimeMillis, open);
    }

    @Override
    public String toString() {
        return "listings: next "
                + nextListing
                + ", read to "
                + readMaxEventTimeMillis
                + ", open "
                + open;
    }
}
