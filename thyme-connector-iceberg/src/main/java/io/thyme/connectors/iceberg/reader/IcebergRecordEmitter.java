package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.event.InvalidRow;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * Emits a split's events and counts them into the split's position. Event time comes from the
 * splits, not the records: when a reader starts a split it moves its watermark to the split's
 * lowest event time (by column statistics) minus max_lateness, so no row of the split can be late,
 * whatever the order inside its file, and splits taken oldest first never race each other.
 */
final class IcebergRecordEmitter
        implements RecordEmitter<
                Either<Row, InvalidRow>, Either<Row, InvalidRow>, IcebergSplitState> {
    private final long latenessMillis;

    IcebergRecordEmitter(java.time.Duration maxLateness) {
        this.latenessMillis = maxLateness.toMillis();
    }

    @Override
    public void emitRecord(
            Either<Row, InvalidRow> record,
            SourceOutput<Either<Row, InvalidRow>> output,
            IcebergSplitState split) {
        if (split.startWatermarkDue()) {
            long minEventTime = split.minEventTimeMillis();
            if (minEventTime != IcebergFileSplit.UNKNOWN_EVENT_TIME
                    && minEventTime > Long.MIN_VALUE + latenessMillis + 1) {
                output.emitWatermark(new Watermark(minEventTime - latenessMillis - 1));
            }
        }
        output.collect(record);
        split.emitted();
    }
}
