package io.thyme.connectors.iceberg.split;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * Work from one snapshot. An {@link Kind#APPEND} split is one data file the snapshot added: its
 * rows are new events. A {@link Kind#CHANGE} split is everything an overwrite or delete snapshot
 * did (files removed, files added), read by one reader so it can tell updates and deletes apart:
 * rows of removed files whose key is not in the added files are deletes, rows of added files are
 * the keys' latest state. {@code recordsEmitted} is the split's position: after a restore that many
 * records are skipped.
 */
public record IcebergFileSplit(
        String splitId,
        long ordinal,
        long snapshotId,
        Kind kind,
        List<IcebergDataFile> added,
        List<IcebergDataFile> removed,
        long recordsEmitted)
        implements SourceSplit {

    /** What the split's snapshot did. */
    public enum Kind {
        APPEND,
        CHANGE
    }

    public IcebergFileSplit {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public static IcebergFileSplit append(long ordinal, long snapshotId, IcebergDataFile file) {
        return new IcebergFileSplit(
                snapshotId + "-" + ordinal,
                ordinal,
                snapshotId,
                Kind.APPEND,
                List.of(file),
                List.of(),
                0);
    }

    public static IcebergFileSplit change(
            long ordinal,
            long snapshotId,
            List<IcebergDataFile> added,
            List<IcebergDataFile> removed) {
        return new IcebergFileSplit(
                snapshotId + "-" + ordinal, ordinal, snapshotId, Kind.CHANGE, added, removed, 0);
    }

    public IcebergFileSplit at(long emitted) {
        return new IcebergFileSplit(splitId, ordinal, snapshotId, kind, added, removed, emitted);
    }

    @Override
    public String splitId() {
        return splitId;
    }
}
