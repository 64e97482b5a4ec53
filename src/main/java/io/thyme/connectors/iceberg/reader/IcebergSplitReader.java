package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.IcebergRows;
import io.thyme.connectors.iceberg.IcebergTableRef;
import io.thyme.connectors.iceberg.LoadedTable;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.spec.DatasetSpec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import org.apache.iceberg.Schema;

/** Reads the reader's splits one after the other, a batch of records per fetch. */
final class IcebergSplitReader implements SplitReader<IcebergRecord, IcebergFileSplit> {
    private static final int BATCH = 1_000;

    private final IcebergTableRef ref;
    private final DatasetSpec dataset;
    private final IcebergRows rows;
    private final Counter filesRead;
    private final Queue<IcebergFileSplit> splits = new ArrayDeque<>();
    private LoadedTable table;
    private Schema projection;
    private IcebergFileSplit current;
    private IcebergSplitRecords records;

    IcebergSplitReader(
            IcebergTableRef ref, DatasetSpec dataset, IcebergRows rows, Counter filesRead) {
        this.ref = ref;
        this.dataset = dataset;
        this.rows = rows;
        this.filesRead = filesRead;
    }

    @Override
    public RecordsWithSplitIds<IcebergRecord> fetch() throws IOException {
        RecordsBySplits.Builder<IcebergRecord> batch = new RecordsBySplits.Builder<>();
        if (current == null) {
            current = splits.poll();
            if (current == null) {
                return batch.build();
            }
            records = new IcebergSplitRecords(current, io(), projection, rows);
        }
        for (int i = 0; i < BATCH; i++) {
            IcebergRecord record = records.next();
            if (record == null) {
                records.close();
                filesRead.inc(current.added().size() + current.removed().size());
                batch.addFinishedSplit(current.splitId());
                current = null;
                records = null;
                break;
            }
            batch.add(current.splitId(), record);
        }
        return batch.build();
    }

    private org.apache.iceberg.io.FileIO io() {
        if (table == null) {
            table = ref.load();
            projection = IcebergRows.projection(table.table().schema(), dataset);
        }
        return table.table().io();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<IcebergFileSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "unexpected split change " + change.getClass().getSimpleName());
        }
        splits.addAll(change.splits());
    }

    @Override
    public void wakeUp() {}

    @Override
    public void close() throws Exception {
        if (records != null) {
            records.close();
        }
        if (table != null) {
            table.close();
        }
    }
}
