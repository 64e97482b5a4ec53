package io.thyme.connectors.kinesis.enumerator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shards read to their end, and which of those a completed checkpoint confirms.
 *
 * <p>A reader announces a finished shard with an event that is part of no checkpoint. Until a
 * checkpoint whose enumerator snapshot was taken after the news completes, the reader may still be
 * restored to a position before the shard's end (a region failover restores the reader from the
 * last completed checkpoint and leaves this enumerator as it is): it then reads the shard's tail
 * again and announces the shard again. So an unconfirmed finish counts only for the reader that
 * announced it (its records leave through that reader's channel, before any child's), and is
 * forgotten when that reader is reset. A confirmed finish counts for every reader: the completed
 * checkpoint's barrier passed every operator after the shard's last records, so those records
 * reached the sink, and no restore reads them again.
 *
 * <p>The enumerator's checkpoint holds both kinds: a finish it holds was heard before the snapshot,
 * and a restore from that snapshot is a restore from a completed checkpoint, which confirms it.
 */
final class FinishedShards {
    /** The first checkpoint of an unconfirmed finish before any snapshot was taken after it. */
    private static final long NO_SNAPSHOT_YET = Long.MAX_VALUE;

    private final Set<String> confirmed = new HashSet<>();
    private final Map<String, Unconfirmed> unconfirmed = new HashMap<>();

    /** Announced by {@code reader}; confirmed once checkpoint {@code firstCheckpoint} completes. */
    private record Unconfirmed(int reader, long firstCheckpoint) {}

    /** The finished shards of a restored enumerator checkpoint: all confirmed. */
    FinishedShards(Set<String> restored) {
        confirmed.addAll(restored);
    }

    /**
     * Reader {@code reader} read {@code shard} to its end. A repeated announcement (a restored
     * reader's) of a shard already finished changes nothing.
     */
    void finished(String shard, int reader) {
        if (!confirmed.contains(shard)) {
            unconfirmed.putIfAbsent(shard, new Unconfirmed(reader, NO_SNAPSHOT_YET));
        }
    }

    /**
     * The enumerator's snapshot for {@code checkpointId} was taken: it holds every finish so far.
     */
    void snapshotted(long checkpointId) {
        unconfirmed.replaceAll(
                (shard, u) ->
                        u.firstCheckpoint() == NO_SNAPSHOT_YET
                                ? new Unconfirmed(u.reader(), checkpointId)
                                : u);
    }

    /**
     * Checkpoint {@code checkpointId} completed: the finishes heard before its snapshot (or an
     * earlier one's) are confirmed. Returns whether any was.
     */
    boolean checkpointCompleted(long checkpointId) {
        List<String> now = new ArrayList<>();
        unconfirmed.forEach(
                (shard, u) -> {
                    if (u.firstCheckpoint() <= checkpointId) {
                        now.add(shard);
                    }
                });
        now.forEach(unconfirmed::remove);
        confirmed.addAll(now);
        return !now.isEmpty();
    }

    /**
     * Reader {@code reader} was reset to the last completed checkpoint: forgets the finishes it
     * announced since (it announces them again once it reads the shards' ends again) and returns
     * those shards, which the reader holds again.
     */
    List<String> forget(int reader) {
        List<String> forgotten = new ArrayList<>();
        unconfirmed.forEach(
                (shard, u) -> {
                    if (u.reader() == reader) {
                        forgotten.add(shard);
                    }
                });
        forgotten.forEach(unconfirmed::remove);
        return forgotten;
    }

    boolean contains(String shard) {
        return confirmed.contains(shard) || unconfirmed.containsKey(shard);
    }

    boolean isConfirmed(String shard) {
        return confirmed.contains(shard);
    }

    /** The reader that announced {@code shard}'s unconfirmed finish, or -1. */
    int unconfirmedReader(String shard) {
        Unconfirmed u = unconfirmed.get(shard);
        return u == null ? -1 : u.reader();
    }

    /**
     * Whether a child of {@code shard} may start on {@code reader}: the shard's finish is
     * confirmed, or unconfirmed and announced by that same reader.
     */
    boolean allowsChildOn(String shard, int reader) {
        return confirmed.contains(shard) || unconfirmedReader(shard) == reader;
    }

    /** Every finished shard, confirmed or not, for the enumerator's checkpoint. */
    Set<String> all() {
        Set<String> all = new HashSet<>(confirmed);
        all.addAll(unconfirmed.keySet());
        return all;
    }
}
