package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.IcebergRows;
import io.thyme.connectors.iceberg.IcebergTableRef;
import io.thyme.connectors.iceberg.LoadedTable;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.connectors.reader.SplitAtATimeReader;
import io.thyme.connectors.reader.SplitRecords;
import io.thyme.event.InvalidRow;
import io.thyme.spec.DatasetSpec;
import java.io.IOException;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.iceberg.Schema;

/** Reads the reader's file splits one after the other; the table is loaded once, lazily. */
final class IcebergSplitReader
        extends SplitAtATimeReader<Either<Row, InvalidRow>, IcebergFileSplit> {
    private final IcebergTableRef ref;
    private final DatasetSpec dataset;
    private final IcebergRows rows;
    private final Counter filesRead;
    private final Counter filesGone;
    private LoadedTable table;
    private Schema projection;

    IcebergSplitReader(
            IcebergTableRef ref,
            DatasetSpec dataset,
            IcebergRows rows,
            Counter filesRead,
            Counter filesGone) {
        this.filesGone = filesGone;
        this.ref = ref;
        this.dataset = dataset;
        this.rows = rows;
        this.filesRead = filesRead;
    }

    @Override
    protected SplitRecords<Either<Row, InvalidRow>> open(IcebergFileSplit split)
            throws IOException {
        if (table == null) {
            table = ref.load();
            projection = IcebergRows.projection(table.table().schema(), dataset);
        }
        return new IcebergSplitRecords(split, table.table(), projection, rows, filesGone);
    }

    @Override
    protected void finished(IcebergFileSplit split) {
        filesRead.inc(split.added().size() + split.removed().size());
    }

    @Override
    protected void closeResources() {
        if (table != null) {
            table.close();
        }
    }
}
