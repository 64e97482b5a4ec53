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
 *
 * <p>A change split of a snapshot with row-level delete files also carries its {@code keyDeletes}:
 * equality delete files on exactly the dataset's key fields, each of whose rows is a key deleted
 * (read as a delete before the removed files, so nothing else of the table is read for them), and
 * {@code committedAtMillis}, the snapshot's commit time: the event time of such a delete when its
 * file does not hold the event-time column.
 */
public record IcebergFileSplit(
        String splitId,
        long ordinal,
        long snapshotId,
        Kind kind,
        List<IcebergDataFile> added,
        List<IcebergDataFile> removed,
        long recordsEmitted,
        long minEventTimeMillis,
        List<IcebergDeleteFile> keyDeletes,
        long committedAtMillis)
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
        keyDeletes = List.copyOf(keyDeletes);
    }

    /** A split without key deletes (every split but a row-level change's). */
    public IcebergFileSplit(
            String splitId,
            long ordinal,
            long snapshotId,
            Kind kind,
            List<IcebergDataFile> added,
            List<IcebergDataFile> removed,
            long recordsEmitted,
            long minEventTimeMillis) {
        this(
                splitId,
                ordinal,
                snapshotId,
                kind,
                added,
                removed,
                recordsEmitted,
                minEventTimeMillis,
                List.of(),
                UNKNOWN_EVENT_TIME);
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

    /** A change split of a snapshot that added row-level delete files. */
    public static IcebergFileSplit rowLevelChange(
            long ordinal,
            long snapshotId,
            List<IcebergDataFile> added,
            List<IcebergDataFile> removed,
            long minEventTimeMillis,
            List<IcebergDeleteFile> keyDeletes,
            long committedAtMillis) {
        return new IcebergFileSplit(
                snapshotId + "-" + ordinal,
                ordinal,
                snapshotId,
                Kind.CHANGE,
                added,
                removed,
                0,
                minEventTimeMillis,
                keyDeletes,
                committedAtMillis);
    }

    public IcebergFileSplit at(long emitted) {
        return new IcebergFileSplit(
                splitId,
                ordinal,
                snapshotId,
                kind,
                added,
                removed,
                emitted,
                minEventTimeMillis,
                keyDeletes,
                committedAtMillis);
    }

    @Override
    public String splitId() {
        return splitId;
    }
}
