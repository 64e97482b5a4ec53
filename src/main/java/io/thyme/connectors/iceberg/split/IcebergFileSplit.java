package io.thyme.connectors.iceberg.split;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * Work from one snapshot. An {@link Kind#APPEND} split is one data file the snapshot added: its
 * rows are new events. A {@link Kind#CHANGE} split is everything an overwrite or delete snapshot
 * did (files removed, files added), read by one reader so it can tell updates and deletes apart:
 * rows of removed files whose key is not in the added files are deletes, rows of added files are
 * the keys' latest state. {@code recordsEmitted} is the split's position: after a restore that many
 * records are skipped. {@code minEventTimeMillis} is the lowest event time its added files hold by
 * their column statistics ({@link #UNKNOWN_EVENT_TIME} without them): readers take splits in that
 * order and hold their watermark at it.
 */
public record IcebergFileSplit(
        String splitId,
        long ordinal,
        long snapshotId,
        Kind kind,
        List<IcebergDataFile> added,
        List<IcebergDataFile> removed,
        long recordsEmitted,
        long minEventTimeMillis)
        implements SourceSplit {

    /** No column statistics for the event time: the split says nothing about it. */
    public static final long UNKNOWN_EVENT_TIME = Long.MIN_VALUE;

    /** What the split's snapshot did. */
    public enum Kind {
        APPEND,
        CHANGE
    }

    public IcebergFileSplit {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public static IcebergFileSplit append(
            long ordinal, long snapshotId, IcebergDataFile file, long minEventTimeMillis) {
        return new IcebergFileSplit(
                snapshotId + "-" + ordinal,
                ordinal,
                snapshotId,
                Kind.APPEND,
                List.of(file),
                List.of(),
                0,
                minEventTimeMillis);
    }

    public static IcebergFileSplit change(
            long ordinal,
            long snapshotId,
            List<IcebergDataFile> added,
            List<IcebergDataFile> removed,
            long minEventTimeMillis) {
        return new IcebergFileSplit(
                snapshotId + "-" + ordinal,
                ordinal,
                snapshotId,
                Kind.CHANGE,
                added,
                removed,
                0,
                minEventTimeMillis);
    }

    public IcebergFileSplit at(long emitted) {
        return new IcebergFileSplit(
                splitId, ordinal, snapshotId, kind, added, removed, emitted, minEventTimeMillis);
    }

    @Override
    public String splitId() {
        return splitId;
    }
}
