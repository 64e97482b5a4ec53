package io.thyme.connectors.iceberg.enumerator;

import io.thyme.connectors.iceberg.split.IcebergDataFile;
import io.thyme.connectors.iceberg.split.IcebergDeleteFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What an overwrite or delete snapshot did to the rows of a table with row-level delete files
 * (merge-on-read: Flink's Iceberg sink in upsert mode, Spark's and Trino's merge-on-read {@code
 * UPDATE}, {@code DELETE}, {@code MERGE}), worked out from Iceberg's own scan planning of the
 * snapshot (and of its parent when it removed files), which says which delete files apply to which
 * data file:
 *
 * <ul>
 *   <li>{@code keyDeletes}: the new equality delete files on exactly the dataset's key fields, in a
 *       partitioning of key fields only (or none), so a deleted key is gone from the whole table.
 *       Each of their rows is a deleted key; no data file is read for them.
 *   <li>{@code removed}: the data files the snapshot removed, read live as of the parent (its
 *       delete files applied), and the files that stay but lost rows to the snapshot's other new
 *       delete files (position deletes; equality deletes on other fields, resolved against those
 *       files): only the rows those new files delete.
 *   <li>{@code added}: the data files the snapshot added, read live as of the snapshot (a position
 *       delete of the same commit applies to them), and rows a removed delete file brings back.
 * </ul>
 */
record IcebergRowLevelChange(
        List<IcebergDataFile> added,
        List<IcebergDataFile> removed,
        List<IcebergDeleteFile> keyDeletes,
        List<DataFile> addedDataFiles) {

    /** True when the snapshot's change cannot be read from its data files alone. */
    static boolean needed(Table table, Snapshot snapshot) {
        if (snapshot.addedDeleteFiles(table.io()).iterator().hasNext()
                || snapshot.removedDeleteFiles(table.io()).iterator().hasNext()) {
            return true;
        }
        return snapshot.parentId() != null && hasDeleteFiles(table.snapshot(snapshot.parentId()));
    }

    static IcebergRowLevelChange plan(Table table, Snapshot snapshot, Set<Integer> keyFieldIds) {
        Map<Integer, PartitionSpec> specs = table.specs();
        List<IcebergDeleteFile> keyDeletes = new ArrayList<>();
        Set<String> keyDeleteLocations = new HashSet<>();
        Set<String> newDeletes = new HashSet<>();
        for (DeleteFile delete : snapshot.addedDeleteFiles(table.io())) {
            if (deletesKeys(delete, specs.get(delete.specId()), keyFieldIds)) {
                keyDeletes.add(IcebergDeleteFile.of(delete, specs));
                keyDeleteLocations.add(delete.location());
            } else {
                newDeletes.add(delete.location());
            }
        }
        Set<String> removedDeletes = locations(snapshot.removedDeleteFiles(table.io()));
        Set<String> addedData = locations(snapshot.addedDataFiles(table.io()));
        Set<String> removedData = locations(snapshot.removedDataFiles(table.io()));

        List<IcebergDataFile> added = new ArrayList<>();
        List<DataFile> addedDataFiles = new ArrayList<>();
        Map<String, FileScanTask> shrunk = new LinkedHashMap<>();
        forEachTask(
                table,
                snapshot.snapshotId(),
                task -> {
                    String location = task.file().location();
                    List<DeleteFile> deletes = without(task.deletes(), keyDeleteLocations);
                    if (addedData.contains(location)) {
                        added.add(IcebergDataFile.of(task.file(), of(deletes, specs), List.of()));
                        addedDataFiles.add(task.file());
                    } else if (deletes.stream().anyMatch(d -> newDeletes.contains(d.location()))) {
                        shrunk.put(location, task);
                    }
                });

        List<IcebergDataFile> removed = new ArrayList<>();
        Map<String, List<DeleteFile>> before = new LinkedHashMap<>();
        boolean parentHasDeletes =
                snapshot.parentId() != null && hasDeleteFiles(table.snapshot(snapshot.parentId()));
        if (parentHasDeletes && !(removedData.isEmpty() && removedDeletes.isEmpty())) {
            forEachTask(
                    table,
                    snapshot.parentId(),
                    task -> {
                        String location = task.file().location();
                        if (removedData.remove(location)) {
                            removed.add(
                                    IcebergDataFile.of(
                                            task.file(), of(task.deletes(), specs), List.of()));
                        } else if (shrunk.containsKey(location)
                                || task.deletes().stream()
                                        .anyMatch(d -> removedDeletes.contains(d.location()))) {
                            before.put(location, task.deletes());
                            shrunk.putIfAbsent(location, task);
                        }
                    });
        }
        for (DataFile file : snapshot.removedDataFiles(table.io())) {
            if (removedData.contains(file.location())) {
                // the parent had no delete files for it (or none at all): every row was live
                removed.add(IcebergDataFile.of(file));
            }
        }
        for (Map.Entry<String, FileScanTask> entry : shrunk.entrySet()) {
            FileScanTask task = entry.getValue();
            List<DeleteFile> after = without(task.deletes(), keyDeleteLocations);
            after.removeIf(d -> removedDeletes.contains(d.location()));
            List<DeleteFile> parent =
                    before.containsKey(entry.getKey())
                            ? before.get(entry.getKey())
                            : without(after, newDeletes);
            List<DeleteFile> gone = without(after, locations(parent));
            List<DeleteFile> back = without(parent, locations(after));
            if (!gone.isEmpty()) {
                removed.add(IcebergDataFile.of(task.file(), of(parent, specs), of(gone, specs)));
            }
            if (!back.isEmpty()) {
                added.add(IcebergDataFile.of(task.file(), of(after, specs), of(back, specs)));
            }
        }
        return new IcebergRowLevelChange(added, removed, keyDeletes, addedDataFiles);
    }

    /**
     * An equality delete on exactly the key fields whose partitioning uses key fields only: it
     * deletes its keys wherever they are in the table, so its rows are the keys deleted. Any other
     * equality delete is partition-scoped or on other fields: it is resolved against the data.
     */
    private static boolean deletesKeys(
            DeleteFile delete, PartitionSpec spec, Set<Integer> keyFieldIds) {
        if (delete.content() != FileContent.EQUALITY_DELETES
                || keyFieldIds.isEmpty()
                || !new HashSet<>(delete.equalityFieldIds()).equals(keyFieldIds)) {
            return false;
        }
        for (PartitionField field : spec.fields()) {
            if (!keyFieldIds.contains(field.sourceId())) {
                return false;
            }
        }
        return true;
    }

    static boolean hasDeleteFiles(Snapshot snapshot) {
        String total =
                snapshot == null || snapshot.summary() == null
                        ? null
                        : snapshot.summary().get(SnapshotSummary.TOTAL_DELETE_FILES_PROP);
        return total == null || Long.parseLong(total) > 0;
    }

    /** Every live data file of the snapshot with the delete files that apply to it, streamed. */
    private static void forEachTask(Table table, long snapshotId, Consumer<FileScanTask> action) {
        try (CloseableIterable<FileScanTask> tasks =
                table.newScan().useSnapshot(snapshotId).includeColumnStats().planFiles()) {
            tasks.forEach(action);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<IcebergDeleteFile> of(List<DeleteFile> deletes, Map<Integer, PartitionSpec> specs) {
        return deletes.stream().map(d -> IcebergDeleteFile.of(d, specs)).toList();
    }

    private static List<DeleteFile> without(List<DeleteFile> deletes, Set<String> locations) {
        List<DeleteFile> kept = new ArrayList<>();
        for (DeleteFile delete : deletes) {
            if (!locations.contains(delete.location())) {
                kept.add(delete);
            }
        }
        return kept;
    }

    private static Set<String> locations(Iterable<? extends ContentFile<?>> files) {
        Set<String> locations = new HashSet<>();
        files.forEach(f -> locations.add(f.location()));
        return locations;
    }
}
