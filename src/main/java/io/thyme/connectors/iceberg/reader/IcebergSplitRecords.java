package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.IcebergRows;
import io.thyme.connectors.iceberg.split.IcebergDataFile;
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
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one split, streamed file by file. An append split yields its file's rows as
 * inserts. A change split first collects the keys of the rows its snapshot added, then yields the
 * rows of removed files whose key was not re-added as deletes, then the added rows (the upsert step
 * downstream makes them inserts, updates, or drops them when unchanged). Only those keys are held
 * in memory, never a file's rows. The first {@code recordsEmitted} events are skipped. A data file
 * gone before it is read (its snapshot expired and its files deleted, say) is skipped with a
 * warning naming it and counted in {@code numFilesGone}: its rows cannot be read any more, and
 * failing would only restart the job into the same hole.
 */
final class IcebergSplitRecords implements SplitRecords<Either<Row, InvalidRow>> {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergSplitRecords.class);

    private final IcebergFileSplit split;
    private final FileIO io;
    private final Schema projection;
    private final IcebergRows rows;
    private final Counter filesGone;
    private final List<Pass> passes = new ArrayList<>();
    private int pass;
    private int file;
    private long position;
    private long toSkip;
    private CloseableIterable<Record> openFile;
    private CloseableIterator<Record> records;

    private record Pass(List<IcebergDataFile> files, RowKind kind, Predicate<Record> keep) {}

    IcebergSplitRecords(
            IcebergFileSplit split,
            FileIO io,
            Schema projection,
            IcebergRows rows,
            Counter filesGone)
            throws IOException {
        this.split = split;
        this.io = io;
        this.projection = projection;
        this.rows = rows;
        this.filesGone = filesGone;
        this.toSkip = split.recordsEmitted();
        if (split.kind() == IcebergFileSplit.Kind.APPEND) {
            passes.add(new Pass(split.added(), RowKind.INSERT, r -> true));
        } else {
            Set<String> readded = addedKeys();
            passes.add(
                    new Pass(
                            split.removed(),
                            RowKind.DELETE,
                            r -> !readded.contains(rows.keyOf(r))));
            passes.add(new Pass(split.added(), RowKind.INSERT, r -> true));
        }
    }

    private Set<String> addedKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        for (IcebergDataFile added : split.added()) {
            try (CloseableIterable<Record> data = IcebergFileReader.open(io, projection, added)) {
                for (Record record : data) {
                    keys.add(rows.keyOf(record));
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
                openFile = IcebergFileReader.open(io, projection, current.files().get(file));
                try {
                    records = openFile.iterator();
                } catch (NotFoundException e) {
                    gone(current.files().get(file), e);
                    closeFile();
                    file++;
                    continue;
                }
                position = 0;
            }
            while (records.hasNext()) {
                Record record = records.next();
                long row = position++;
                if (!current.keep().test(record)) {
                    continue;
                }
                if (toSkip > 0) {
                    toSkip--;
                    continue;
                }
                return rows.convert(
                        record, current.kind(), current.files().get(file).location(), row);
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
