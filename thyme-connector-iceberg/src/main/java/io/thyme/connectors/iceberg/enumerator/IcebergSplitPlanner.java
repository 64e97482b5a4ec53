package io.thyme.connectors.iceberg.enumerator;

import io.thyme.connectors.iceberg.split.IcebergDataFile;
import io.thyme.connectors.iceberg.split.IcebergDeleteFile;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.event.FieldValues;
import io.thyme.polling.CursorValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Turns the snapshots committed since the last planned one into splits. The first round reads every
 * data file of the current snapshot; later rounds walk the new snapshots oldest first: appends
 * contribute every file they added, however old its rows (rows behind the watermark go to .late
 * with a count, as any source's do; no file is passed over for its column statistics); overwrites
 * and deletes become one change split each in upsert mode and are skipped, with the reason, in
 * append mode; replace snapshots (compaction) change no rows and are passed over. Row-level delete
 * files (merge-on-read) are read too: the first round reads live rows only (each file's split
 * carries the delete files that apply to it), and in upsert mode an overwrite or delete on a table
 * with delete files becomes a change split worked out by {@link IcebergRowLevelChange}.
 */
public final class IcebergSplitPlanner {
    /** The timestamps an event may hold, in Iceberg's microseconds. */
    private static final long MIN_MICROS = micros(FieldValues.MIN_DATETIME);

    private static final long MAX_MICROS = micros(FieldValues.MAX_DATETIME);

    private final Table table;
    private final Types.NestedField eventTime;
    private final Types.NestedField cursor;
    private final boolean upsert;
    private final Set<Integer> keyFieldIds;
    private IcebergPosition position;

    public IcebergSplitPlanner(
            Table table,
            String cursorColumn,
            String eventTimeColumn,
            boolean upsert,
            IcebergPosition from) {
        this(table, cursorColumn, eventTimeColumn, List.of(), upsert, from);
    }

    /**
     * @param keyColumns the dataset's key fields: equality deletes on exactly these are read as
     *     deleted keys; other equality deletes are resolved against the data files they apply to
     */
    public IcebergSplitPlanner(
            Table table,
            String cursorColumn,
            String eventTimeColumn,
            List<String> keyColumns,
            boolean upsert,
            IcebergPosition from) {
        this.table = table;
        this.keyFieldIds = new HashSet<>();
        for (String key : keyColumns) {
            Types.NestedField field = table.schema().findField(key);
            if (field != null) {
                keyFieldIds.add(field.fieldId());
            }
        }
        this.eventTime = table.schema().findField(eventTimeColumn);
        this.cursor = table.schema().findField(cursorColumn);
        if (cursor == null) {
            throw new IcebergLineageException(
                    "table " + table.name() + " has no cursor column '" + cursorColumn + "'");
        }
        this.upsert = upsert;
        this.position = from;
    }

    /** Plans what is new; the planner's position moves on only when this returns. */
    public IcebergPlan planNext() {
        table.refresh();
        Snapshot current = table.currentSnapshot();
        if (current == null || current.snapshotId() == position.lastSnapshotId()) {
            return new IcebergPlan(List.of(), position, List.of(), 0);
        }
        Round round = new Round(position);
        if (!position.started()) {
            round.readWholeSnapshot(current);
        } else {
            if (!SnapshotUtil.isAncestorOf(
                    table, current.snapshotId(), position.lastSnapshotId())) {
                throw new IcebergLineageException(
                        String.format(
                                "table %s: snapshot %d, the last one this source read, is no longer"
                                        + " an ancestor of the current snapshot %d (the table was"
                                        + " rolled back, or snapshots were expired before they"
                                        + " were read). Start the job without its savepoint to"
                                        + " read the table afresh.",
                                table.name(), position.lastSnapshotId(), current.snapshotId()));
            }
            List<Snapshot> snapshots = new ArrayList<>();
            SnapshotUtil.ancestorsBetween(table, current.snapshotId(), position.lastSnapshotId())
                    .forEach(snapshots::add);
            Collections.reverse(snapshots);
            for (Snapshot snapshot : snapshots) {
                round.read(snapshot);
            }
        }
        IcebergPlan plan = round.finish(current.snapshotId());
        position = plan.position();
        return plan;
    }

    private final class Round {
        private final List<IcebergFileSplit> splits = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private final IcebergPosition from;
        private long ordinal;
        private Object mark;
        private long planned;

        Round(IcebergPosition from) {
            this.from = from;
            this.ordinal = from.nextOrdinal();
            this.mark = from.cursorHighWaterMark();
        }

        /**
         * Every data file of the snapshot, oldest event time first: a first start reads the table's
         * history in event-time order, so its watermark never runs ahead of it.
         */
        void readWholeSnapshot(Snapshot snapshot) {
            List<FileScanTask> files = new ArrayList<>();
            try (CloseableIterable<FileScanTask> tasks =
                    table.newScan()
                            .useSnapshot(snapshot.snapshotId())
                            .includeColumnStats()
                            .planFiles()) {
                tasks.forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.sort(Comparator.comparingLong((FileScanTask task) -> minEventTime(task.file())));
            for (FileScanTask task : files) {
                // the delete files that apply to it: its split reads live rows only
                addAppend(
                        snapshot,
                        task.file(),
                        IcebergRowLevelChange.of(task.deletes(), table.specs()));
            }
        }

        void read(Snapshot snapshot) {
            String operation = snapshot.operation();
            if (DataOperations.APPEND.equals(operation)) {
                readAppend(snapshot);
            } else if (DataOperations.REPLACE.equals(operation)) {
                return;
            } else if (DataOperations.OVERWRITE.equals(operation)
                    || DataOperations.DELETE.equals(operation)) {
                readChange(snapshot, operation);
            } else {
                skip(snapshot, "its operation '" + operation + "' is unknown to this source");
            }
        }

        private void readAppend(Snapshot snapshot) {
            try (CloseableIterable<FileScanTask> tasks =
                    table.newIncrementalAppendScan()
                            .fromSnapshotExclusive(snapshot.parentId())
                            .toSnapshot(snapshot.snapshotId())
                            .includeColumnStats()
                            .planFiles()) {
                for (FileScanTask task : tasks) {
                    addAppend(snapshot, task.file(), List.of());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void readChange(Snapshot snapshot, String operation) {
            boolean rowLevel = IcebergRowLevelChange.needed(table, snapshot);
            if (!upsert) {
                skip(
                        snapshot,
                        "it is a "
                                + operation
                                + (rowLevel ? " on a table with row-level delete files" : "")
                                + ", which changes existing rows; cdc append reads only appended"
                                + " rows (use cdc upsert to turn it into updates and deletes)");
                return;
            }
            if (rowLevel) {
                readRowLevelChange(snapshot);
                return;
            }
            List<IcebergDataFile> added = new ArrayList<>();
            long minEventTime = Long.MAX_VALUE;
            for (DataFile file : snapshot.addedDataFiles(table.io())) {
                added.add(IcebergDataFile.of(file));
                mark = maxCursor(file);
                minEventTime = Math.min(minEventTime, minEventTime(file));
            }
            List<IcebergDataFile> removed = new ArrayList<>();
            snapshot.removedDataFiles(table.io()).forEach(f -> removed.add(IcebergDataFile.of(f)));
            splits.add(
                    IcebergFileSplit.change(
                            ordinal++,
                            snapshot.snapshotId(),
                            added,
                            removed,
                            added.isEmpty() ? IcebergFileSplit.UNKNOWN_EVENT_TIME : minEventTime));
            planned += added.size() + removed.size();
        }

        private void readRowLevelChange(Snapshot snapshot) {
            IcebergRowLevelChange change = IcebergRowLevelChange.plan(table, snapshot, keyFieldIds);
            long minEventTime = Long.MAX_VALUE;
            for (DataFile file : change.addedDataFiles()) {
                mark = maxCursor(file);
                minEventTime = Math.min(minEventTime, minEventTime(file));
            }
            splits.add(
                    IcebergFileSplit.rowLevelChange(
                            ordinal++,
                            snapshot.snapshotId(),
                            change.added(),
                            change.removed(),
                            change.addedDataFiles().isEmpty()
                                    ? IcebergFileSplit.UNKNOWN_EVENT_TIME
                                    : minEventTime,
                            change.keyDeletes(),
                            snapshot.timestampMillis()));
            planned += change.added().size() + change.removed().size();
        }

        private void addAppend(Snapshot snapshot, DataFile file, List<IcebergDeleteFile> deletes) {
            splits.add(
                    IcebergFileSplit.append(
                            ordinal++,
                            snapshot.snapshotId(),
                            IcebergDataFile.of(file, deletes, List.of()),
                            minEventTime(file)));
            planned++;
            mark = maxCursor(file);
        }

        /**
         * The mark after planning {@code file}. With the event time as cursor, a file moves it to
         * its lowest event time, as far as its split moves the watermark, so one wide file (a
         * backfill, a 9999-12-31 sentinel) does not make the mark run ahead of the rows on time.
         * With another cursor, to its highest value. A bound no event can hold (a timestamp outside
         * years 1 to 9999) belongs to rows that go to .errors and moves nothing; a lower bound
         * stands in for such an upper one.
         */
        private Object maxCursor(DataFile file) {
            Object bound =
                    cursor.fieldId() == eventTimeFieldId()
                            ? null
                            : holdable(cursor, file.upperBounds());
            if (bound == null) {
                bound = holdable(cursor, file.lowerBounds());
            }
            if (bound == null) {
                return mark;
            }
            Object comparable = bound instanceof CharSequence ? bound.toString() : bound;
            return mark == null || CursorValues.compare(comparable, mark) > 0 ? comparable : mark;
        }

        private void skip(Snapshot snapshot, String reason) {
            skipped.add(
                    String.format(
                            "snapshot %d of %s skipped: %s",
                            snapshot.snapshotId(), table.name(), reason));
        }

        IcebergPlan finish(long lastSnapshotId) {
            return new IcebergPlan(
                    splits, new IcebergPosition(lastSnapshotId, ordinal, mark), skipped, planned);
        }
    }

    private int eventTimeFieldId() {
        return eventTime == null ? -1 : eventTime.fieldId();
    }

    /**
     * The lowest event time of a file by its column statistics, in epoch milliseconds (rounded
     * down), or {@link IcebergFileSplit#UNKNOWN_EVENT_TIME} without them or when it is after year
     * 9999: then every row of the file goes to .errors, and none may move the watermark.
     */
    private long minEventTime(DataFile file) {
        if (eventTime == null
                || file.lowerBounds() == null
                || !file.lowerBounds().containsKey(eventTime.fieldId())) {
            return IcebergFileSplit.UNKNOWN_EVENT_TIME;
        }
        Object bound =
                Conversions.fromByteBuffer(
                        eventTime.type(), file.lowerBounds().get(eventTime.fieldId()));
        // timestamp and timestamptz bounds are microseconds since the epoch
        return bound instanceof Long && (Long) bound <= MAX_MICROS
                ? Math.floorDiv((Long) bound, 1000L)
                : IcebergFileSplit.UNKNOWN_EVENT_TIME;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /**
     * The column's bound among {@code bounds} (Iceberg's representation), or null without one or
     * when no event can hold it: a timestamp or date outside years 1 to 9999.
     */
    private static Object holdable(Types.NestedField column, Map<Integer, ByteBuffer> bounds) {
        if (bounds == null || !bounds.containsKey(column.fieldId())) {
            return null;
        }
        Object bound = Conversions.fromByteBuffer(column.type(), bounds.get(column.fieldId()));
        if (column.type().typeId() == Type.TypeID.TIMESTAMP) {
            long micros = (Long) bound;
            return micros < MIN_MICROS || micros > MAX_MICROS ? null : bound;
        }
        if (column.type().typeId() == Type.TypeID.DATE) {
            int days = (Integer) bound;
            return days < FieldValues.MIN_DATE.toEpochDay()
                            || days > FieldValues.MAX_DATE.toEpochDay()
                    ? null
                    : bound;
        }
        return bound;
    }
}
