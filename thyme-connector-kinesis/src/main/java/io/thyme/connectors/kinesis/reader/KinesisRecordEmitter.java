package io.thyme.connectors.kinesis.reader;

import io.thyme.event.InvalidRow;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/** Emits a shard's events and moves the shard's position past them. */
final class KinesisRecordEmitter
        implements RecordEmitter<KinesisRecord, Either<Row, InvalidRow>, KinesisShardState> {

    @Override
    public void emitRecord(
            KinesisRecord record,
            SourceOutput<Either<Row, InvalidRow>> output,
            KinesisShardState shard) {
        if (record.decoded() != null) {
            output.collect(record.decoded());
        }
        shard.emitted(record.sequenceNumber());
    }
}
