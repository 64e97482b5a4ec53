package io.thyme.connectors.iceberg.enumerator;

import io.thyme.connectors.iceberg.IcebergTableRef;
import io.thyme.connectors.iceberg.LoadedTable;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans new snapshots every {@code every} on the coordinator's worker thread and hands splits to
 * readers that ask, oldest first. In upsert mode one reader reads every split, in commit order, so
 * a key's changes reach the dataset in commit order (see {@link #upsertReader}).
 */
public final class IcebergSplitEnumerator
        implements SplitEnumerator<IcebergFileSplit, IcebergEnumState> {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergSplitEnumerator.class);

    private final SplitEnumeratorContext<IcebergFileSplit> context;
    private final IcebergTableRef ref;
    private final String cursor;
    private final Duration every;
    private final boolean upsert;
    private final String eventTime;
    private final List<String> keyColumns;
    private final PriorityQueue<IcebergFileSplit> pending;
    private final Set<Integer> waiting = new LinkedHashSet<>();
    private final IcebergPosition restored;
    private IcebergPosition position;
    private volatile LoadedTable table;
    private volatile IcebergSplitPlanner planner;
    private Counter skippedSnapshots;
    private Counter planFailures;

    public IcebergSplitEnumerator(
            SplitEnumeratorContext<IcebergFileSplit> context,
            IcebergTableRef ref,
            String cursor,
            String eventTime,
            List<String> keyColumns,
            Duration every,
            boolean upsert,
            IcebergEnumState state) {
        this.context = context;
        this.ref = ref;
        this.cursor = cursor;
        this.eventTime = eventTime;
        this.keyColumns = List.copyOf(keyColumns);
        // append: oldest event time first, so readers' watermarks follow the data; upsert: commit
        // order, so that a key's changes stay in order
        this.pending =
                new PriorityQueue<>(
                        upsert
                                ? Comparator.comparingLong(IcebergFileSplit::ordinal)
                                : Comparator.comparingLong(IcebergFileSplit::minEventTimeMillis)
                                        .thenComparingLong(IcebergFileSplit::ordinal));
        this.every = every;
        this.upsert = upsert;
        this.position = state.position();
        this.restored = state.position();
        this.pending.addAll(state.pending());
    }

    @Override
    public void start() {
        skippedSnapshots = context.metricGroup().counter("numSnapshotsSkipped");
        planFailures = context.metricGroup().counter("numPlanFailures");
        context.metricGroup().gauge("pendingSplits", pending::size);
        context.callAsync(this::plan, this::apply, 0, every.toMillis());
    }

    /**
     * Runs on the worker thread; only the planner's own position moves here. The planner starts
     * from the restored position; a failed round leaves its position where it was.
     */
    private IcebergPlan plan() {
        if (planner == null) {
            LoadedTable loaded = ref.load();
            try {
                planner =
                        new IcebergSplitPlanner(
                                loaded.table(), cursor, eventTime, keyColumns, upsert, restored);
            } catch (RuntimeException e) {
                loaded.close();
                throw e;
            }
            table = loaded;
        }
        return planner.planNext();
    }

    /** Runs on the coordinator thread, in the order the plans were made. */
    private void apply(IcebergPlan plan, Throwable error) {
        if (error instanceof IcebergLineageException) {
            throw new FlinkRuntimeException(error.getMessage(), error);
        }
        if (error != null) {
            planFailures.inc();
            LOG.warn(
                    "Planning {} failed; retrying in {}: {}",
                    ref.displayName(),
                    every,
                    error.getMessage(),
                    error);
            return;
        }
        position = plan.position();
        pending.addAll(plan.splits());
        for (String skipped : plan.skippedSnapshots()) {
            LOG.warn(skipped);
            skippedSnapshots.inc();
        }
        if (!plan.splits().isEmpty()) {
            LOG.info(
                    "{}: planned {} split(s) up to snapshot {}",
                    ref.displayName(),
                    plan.splits().size(),
                    position.lastSnapshotId());
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
            if (!context.registeredReaders().containsKey(subtask)) {
                readers.remove();
                continue;
            }
            context.assignSplit(pending.poll(), subtask);
            readers.remove();
        }
    }

    @Override
    public void addSplitsBack(List<IcebergFileSplit> splits, int subtaskId) {
        pending.addAll(splits);
        assignWaiting();
    }

    @Override
    public void addReader(int subtaskId) {
        assignWaiting();
    }

    @Override
    public IcebergEnumState snapshotState(long checkpointId) {
        return new IcebergEnumState(position, new ArrayList<>(pending));
    }

    @Override
    public void close() {
        if (table != null) {
            table.close();
        }
    }
}
