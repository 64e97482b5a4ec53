package io.thyme.connectors.s3.enumerator;

import io.thyme.connectors.s3.CursorReport;
import io.thyme.connectors.s3.ObjectStore;
import io.thyme.connectors.s3.S3Connection;
import io.thyme.connectors.s3.StoredObject;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.polling.CursorValues;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the bucket's prefix every {@code every} on the coordinator's worker thread, plans new
 * objects on the coordinator thread, and hands one object at a time to each reader that asks, with
 * the watermark of the listings read to the end (see {@link ListingProgress}).
 */
public final class S3ObjectEnumerator implements SplitEnumerator<S3ObjectSplit, S3EnumState> {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectEnumerator.class);

    private final SplitEnumeratorContext<S3ObjectSplit> context;
    private final S3Connection connection;
    private final String bucket;
    private final String prefix;
    private final S3ObjectPlanner planner;
    private final Duration every;
    private final Duration maxLateness;
    private final Deque<S3ObjectSplit> pending = new ArrayDeque<>();
    private final Set<Integer> waiting = new LinkedHashSet<>();
    private S3EnumState state;
    private Object rowCursor;
    private ListingProgress listings;
    private ObjectStore store;
    private Counter skippedObjects;
    private Counter listFailures;

    public S3ObjectEnumerator(
            SplitEnumeratorContext<S3ObjectSplit> context,
            S3Connection connection,
            String bucket,
            String prefix,
            S3ObjectPlanner planner,
            Duration every,
            Duration maxLateness,
            S3EnumState state) {
        this.context = context;
        this.connection = connection;
        this.bucket = bucket;
        this.prefix = prefix;
        this.planner = planner;
        this.every = every;
        this.maxLateness = maxLateness;
        this.state = state;
        this.rowCursor = state.rowCursor();
        this.listings = state.listings().copy();
        this.pending.addAll(state.pending());
    }

    @Override
    public void start() {
        store = ObjectStore.open(connection, bucket);
        skippedObjects = context.metricGroup().counter("numObjectsSkipped");
        listFailures = context.metricGroup().counter("numListFailures");
        context.metricGroup().gauge("pendingSplits", pending::size);
        context.metricGroup().gauge("unreadObjects", () -> listings.unread());
        context.callAsync(() -> store.list(prefix), this::plan, 0, every.toMillis());
    }

    private void plan(List<StoredObject> objects, Throwable error) {
        if (error != null) {
            listFailures.inc();
            LOG.warn(
                    "Listing {}/{} failed; retrying in {}: {}",
                    store.location(),
                    prefix,
                    every,
                    error.getMessage());
            return;
        }
        S3ObjectPlanner.Listing listing = planner.plan(objects, state());
        state = listing.state();
        listings.planned(listing.splits().stream().map(S3ObjectSplit::splitId).toList());
        pending.addAll(listing.splits());
        for (String skipped : listing.skipped()) {
            LOG.warn("{}: {}", store.location(), skipped);
            skippedObjects.inc();
        }
        if (!listing.splits().isEmpty()) {
            LOG.info("{}: {} new object(s)", store.location(), listing.splits().size());
        }
        assignWaiting();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        waiting.add(subtaskId);
        assignWaiting();
    }

    private void assignWaiting() {
        Iterator<Integer> readers = waiting.iterator();
        while (readers.hasNext() && !pending.isEmpty()) {
            int subtask = readers.next();
            readers.remove();
            if (context.registeredReaders().containsKey(subtask)) {
                context.assignSplit(
                        pending.poll().withWatermark(listings.watermark(maxLateness)), subtask);
            }
        }
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof CursorReport report) {
            rowCursor = CursorValues.max(rowCursor, report.maxCursor());
            listings.finished(report.listing(), report.splitId(), report.maxEventTimeMillis());
        }
    }

    @Override
    public void addSplitsBack(List<S3ObjectSplit> splits, int subtaskId) {
        splits.forEach(pending::addFirst);
        assignWaiting();
    }

    @Override
    public void addReader(int subtaskId) {
        // the reader asks for a split when it has none
    }

    @Override
    public S3EnumState snapshotState(long checkpointId) {
        return new S3EnumState(
                state.newestMillis(),
                state.cutoffMillis(),
                state.planned(),
                rowCursor,
                new ArrayList<>(pending),
                listings.copy());
    }

    /** The listing position with the row cursor readers reported since. */
    private S3EnumState state() {
        return new S3EnumState(
                state.newestMillis(),
                state.cutoffMillis(),
                state.planned(),
                rowCursor,
                List.of(),
                listings);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
