package io.thyme.polling.enumerator;

import io.thyme.polling.split.PollingSplit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Creates the table's splits once (one per bucket) and hands split {@code b} to reader {@code b mod
 * parallelism}. Splits never finish: each reader polls its splits for as long as the job runs.
 * Splits returned by a failed reader are handed out again when a reader registers.
 */
public final class PollingSplitEnumerator
        implements SplitEnumerator<PollingSplit, PollingEnumState> {
    private final SplitEnumeratorContext<PollingSplit> context;
    private final int buckets;
    private final List<PollingSplit> unassigned;
    private boolean splitsCreated;

    public PollingSplitEnumerator(
            SplitEnumeratorContext<PollingSplit> context, int buckets, PollingEnumState state) {
        this.context = context;
        this.buckets = buckets;
        this.unassigned = new ArrayList<>(state.unassigned());
        this.splitsCreated = state.splitsCreated();
    }

    @Override
    public void start() {
        if (!splitsCreated) {
            int count = buckets > 0 ? buckets : context.currentParallelism();
            for (int b = 0; b < count; b++) {
                unassigned.add(PollingSplit.initial(b, count));
            }
            splitsCreated = true;
        }
        assignPending();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<PollingSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending();
    }

    private void assignPending() {
        int parallelism = context.currentParallelism();
        for (Iterator<PollingSplit> it = unassigned.iterator(); it.hasNext(); ) {
            PollingSplit split = it.next();
            int owner = split.bucket() % parallelism;
            if (context.registeredReaders().containsKey(owner)) {
                context.assignSplit(split, owner);
                it.remove();
            }
        }
    }

    @Override
    public PollingEnumState snapshotState(long checkpointId) {
        return new PollingEnumState(splitsCreated, unassigned);
    }

    @Override
    public void close() {}
}
