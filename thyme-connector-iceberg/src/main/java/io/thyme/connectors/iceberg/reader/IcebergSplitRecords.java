package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.IcebergRows;
import io.thyme.connectors.iceberg.split.IcebergDataFile;
import io.thyme.connectors.iceberg.split.IcebergDeleteFile;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.connectors.reader.SplitRecords;
import io.thyme.event.InvalidRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one split, streamed file by file. An append split yields its file's live rows as
 * inserts. A change split first collects the keys of the rows its snapshot added, then yields as
 * deletes the keys its key-delete files list, then the rows of removed files (or the rows new
 * delete files removed from a file), each unless its key was re-added, then the added rows (the
 * upsert step downstream makes them inserts, updates, or drops them when unchanged). So deletes
 * come before the rows of the same snapshot, and an equality delete and re-insert of a key in one
 * commit (Flink's Iceberg sink in upsert mode) reads as the key's new row. Only those keys are held
 * in memory, never a file's rows; delete files are applied as Iceberg's readers apply them ({@link
 * IcebergRowFilter}). The first {@code recordsEmitted} events are skipped. A data file gone before
 * it is read (its snapshot expired and its files deleted, say) is skipped with a warning naming it
 * and counted in {@code numFilesGone}: its rows cannot be read any more, and failing would only
 * restart the job into the same hole.
 */
final class IcebergSplitRecords implements SplitRecords<Either<Row, InvalidRow>> {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergSplitRecords.class);

    private final IcebergFileSplit split;
    private final Table table;
    private final Schema projection;
    private final IcebergRows rows;
    private final Counter filesGone;
    private final List<Pass> passes = new ArrayList<>();
    private int pass;
    private int file;
    private long position;
    private long toSkip;
    private IcebergRowFilter filter;
    private CloseableIterable<Record> openFile;
    private CloseableIterator<Record> records;

    /** Files read one after the other as one kind of event; key deletes are equality deletes. */
    private record Pass(
            List<IcebergDataFile> files,
            RowKind kind,
            Predicate<Record> keep,
            boolean keyDeletes) {}

    IcebergSplitRecords(
            IcebergFileSplit split,
            Table table,
            Schema projection,
            IcebergRows rows,
            Counter filesGone)
            throws IOException {
        this.split = split;
        this.table = table;
        this.projection = projection;
        this.rows = rows;
        this.filesGone = filesGone;
        this.toSkip = split.recordsEmitted();
        if (split.kind() == IcebergFileSplit.Kind.APPEND) {
            passes.add(new Pass(split.added(), RowKind.INSERT, r -> true, false));
        } else {
            Set<String> readded = addedKeys();
            Predicate<Record> notReadded = r -> !readded.contains(rows.keyOf(r));
            List<IcebergDataFile> keyDeletes = new ArrayList<>();
            for (IcebergDeleteFile delete : split.keyDeletes()) {
                DeleteFile file = delete.toDeleteFile(table.specs());
                keyDeletes.add(
                        new IcebergDataFile(
                                file.location(),
                                file.format().name(),
                                file.recordCount(),
                                file.fileSizeInBytes()));
            }
            passes.add(new Pass(keyDeletes, RowKind.DELETE, notReadded, true));
            passes.add(new Pass(split.removed(), RowKind.DELETE, notReadded, false));
            passes.add(new Pass(split.added(), RowKind.INSERT, r -> true, false));
        }
    }

    private Set<String> addedKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        for (IcebergDataFile added : split.added()) {
            IcebergRowFilter live =
                    IcebergRowFilter.of(
                            table.io(), table.schema(), table.specs(), projection, added);
            try (CloseableIterable<Record> data =
                    IcebergFileReader.open(table.io(), live.readSchema(), added)) {
                long row = 0;
                for (Record record : data) {
                    if (live.reads(record, row++)) {
                        keys.add(rows.keyOf(record));
                    }
                }
            } catch (NotFoundException e) {
                gone(added, e);
            }
        }
        return keys;
    }

    /** The next event, or null when the split is done. */
    @Override
    public Either<Row, InvalidRow> next() throws IOException {
        while (pass < passes.size()) {
            Pass current = passes.get(pass);
            if (records == null) {
                if (file >= current.files().size()) {
                    pass++;
                    file = 0;
                    continue;
                }
                IcebergDataFile data = current.files().get(file);
                Schema schema;
                if (current.keyDeletes()) {
                    filter = null;
                    schema = rows.keyDeleteProjection(table.schema());
                } else if (data.deletes().isEmpty() && data.onlyDeletedBy().isEmpty()) {
                    // no delete file applies (most files): every row is live, read it as it is
                    filter = null;
                    schema = projection;
                } else {
                    filter =
                            IcebergRowFilter.of(
                                    table.io(), table.schema(), table.specs(), projection, data);
                    schema = filter.readSchema();
                }
                openFile = IcebergFileReader.open(table.io(), schema, data);
                try {
                    records = openFile.iterator();
                } catch (NotFoundException e) {
                    gone(data, e);
                    closeFile();
                    file++;
                    continue;
                }
                position = 0;
            }
            while (records.hasNext()) {
                Record record = records.next();
                long row = position++;
                if (filter != null && !filter.reads(record, row)) {
                    continue;
                }
                if (!current.keep().test(record)) {
                    continue;
                }
                if (toSkip > 0) {
                    toSkip--;
                    continue;
                }
                String location = current.files().get(file).location();
                return current.keyDeletes()
                        ? rows.keyDelete(record, split.committedAtMillis(), location, row)
                        : rows.convert(record, current.kind(), location, row);
            }
            closeFile();
            file++;
        }
        return null;
    }

    private void gone(IcebergDataFile data, NotFoundException e) {
        filesGone.inc();
        LOG.warn(
                "Data file {} of split {} (snapshot {}) is gone; its {} row(s) are skipped: {}",
                data.location(),
                split.splitId(),
                split.snapshotId(),
                data.recordCount(),
                e.getMessage());
    }

    private void closeFile() throws IOException {
        if (records != null) {
            records.close();
            records = null;
        }
        if (openFile != null) {
            openFile.close();
            openFile = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
