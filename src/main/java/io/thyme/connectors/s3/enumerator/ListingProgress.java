package io.thyme.connectors.s3.enumerator;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
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
 * is read too).
 */
public record ListingProgress(
        long nextListing, long readMaxEventTimeMillis, SortedMap<Long, Listing> open) {

    /** A listing being read: the splits left, newest event time of the objects finished. */
    public record Listing(Set<String> unread, long maxEventTimeMillis) {
        public Listing {
            unread = Collections.unmodifiableSet(new TreeSet<>(unread));
        }
    }

    public static final long NO_EVENT_TIME = Long.MIN_VALUE;

    public ListingProgress {
        open = Collections.unmodifiableSortedMap(new TreeMap<>(open));
    }

    public static ListingProgress initial() {
        return new ListingProgress(0, NO_EVENT_TIME, new TreeMap<>());
    }

    /** After a listing that planned these splits (it gets number {@link #nextListing}). */
    public ListingProgress planned(Collection<String> splitIds) {
        TreeMap<Long, Listing> next = new TreeMap<>(open);
        if (!splitIds.isEmpty()) {
            next.put(nextListing, new Listing(new TreeSet<>(splitIds), NO_EVENT_TIME));
        }
        return new ListingProgress(nextListing + 1, readMaxEventTimeMillis, next);
    }

    /**
     * After a reader finished the split {@code splitId} of {@code listing} whose newest event time
     * was {@code maxEventTimeMillis}; a split this does not track (reported before, or from a
     * version-1 checkpoint) changes nothing.
     */
    public ListingProgress finished(long listing, String splitId, long maxEventTimeMillis) {
        Listing current = open.get(listing);
        if (current == null || !current.unread().contains(splitId)) {
            return this;
        }
        Set<String> unread = new TreeSet<>(current.unread());
        unread.remove(splitId);
        TreeMap<Long, Listing> next = new TreeMap<>(open);
        next.put(
                listing,
                new Listing(unread, Math.max(current.maxEventTimeMillis(), maxEventTimeMillis)));
        long readMax = readMaxEventTimeMillis;
        while (!next.isEmpty() && next.firstEntry().getValue().unread().isEmpty()) {
            readMax = Math.max(readMax, next.pollFirstEntry().getValue().maxEventTimeMillis());
        }
        return new ListingProgress(nextListing, readMax, next);
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
        return open.values().stream().mapToInt(listing -> listing.unread().size()).sum();
    }
}
