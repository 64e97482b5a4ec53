package io.thyme.connectors.iceberg.reader;

import io.thyme.event.InvalidRow;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/** Emits a split's events and counts them into the split's position. */
final class IcebergRecordEmitter
        implements RecordEmitter<
                Either<Row, InvalidRow>, Either<Row, InvalidRow>, IcebergSplitState> {

    @Override
    public void emitRecord(
            Either<Row, InvalidRow> record,
            SourceOutput<Either<Row, InvalidRow>> output,
            IcebergSplitState split) {
        output.collect(record);
        split.emitted();
    }
}
