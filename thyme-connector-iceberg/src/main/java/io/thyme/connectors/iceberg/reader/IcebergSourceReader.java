package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.IcebergRows;
import io.thyme.connectors.iceberg.IcebergTableRef;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.event.InvalidRow;
import io.thyme.spec.DatasetSpec;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/** An Iceberg source's reader: asks for a split, reads it, asks for the next. */
public final class IcebergSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                Either<Row, InvalidRow>,
                Either<Row, InvalidRow>,
                IcebergFileSplit,
                IcebergSplitState> {

    public IcebergSourceReader(
            IcebergTableRef ref,
            DatasetSpec dataset,
            IcebergRows rows,
            java.time.Duration maxLateness,
            SourceReaderContext context) {
        super(
                () ->
                        new IcebergSplitReader(
                                ref,
                                dataset,
                                rows,
                                context.metricGroup().counter("numFilesRead"),
                                context.metricGroup().counter("numFilesGone")),
                new IcebergRecordEmitter(maxLateness),
                context.getConfiguration(),
                context);
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, IcebergSplitState> finished) {
        context.sendSplitRequest();
    }

    @Override
    protected IcebergSplitState initializedState(IcebergFileSplit split) {
        return new IcebergSplitState(split);
    }

    @Override
    protected IcebergFileSplit toSplitType(String splitId, IcebergSplitState state) {
        return state.toSplit();
    }
}
