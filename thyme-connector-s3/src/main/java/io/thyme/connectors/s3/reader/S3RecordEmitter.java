package io.thyme.connectors.s3.reader;

import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * Emits an object's events and moves the object's position past them. Event time comes from the
 * listings, not the rows: a reader starting an object moves its watermark to the one the enumerator
 * handed the object out with, and the rows inside do not move it.
 */
final class S3RecordEmitter
        implements RecordEmitter<S3Record, Either<Row, InvalidRow>, S3SplitState> {
    private final EventSchema schema;

    S3RecordEmitter(EventSchema schema) {
        this.schema = schema;
    }

    @Override
    public void emitRecord(
            S3Record record, SourceOutput<Either<Row, InvalidRow>> output, S3SplitState split) {
        if (split.startWatermarkDue()) {
            output.emitWatermark(new Watermark(split.startWatermark()));
        }
        Either<Row, InvalidRow> decoded = record.decoded();
        output.collect(decoded);
        split.emitted(
                record,
                decoded.isLeft()
                        ? schema.eventTimeMillis(decoded.left())
                        : S3ObjectSplit.NO_EVENT_TIME);
    }
}
