package io.thyme.connectors.s3.reader;

import io.thyme.event.InvalidRow;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/** Emits an object's events and moves the object's position past them. */
final class S3RecordEmitter
        implements RecordEmitter<S3Record, Either<Row, InvalidRow>, S3SplitState> {

    @Override
    public void emitRecord(
            S3Record record, SourceOutput<Either<Row, InvalidRow>> output, S3SplitState split) {
        output.collect(record.decoded());
        split.emitted(record);
    }
}
