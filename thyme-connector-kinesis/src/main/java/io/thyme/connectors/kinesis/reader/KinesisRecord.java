package io.thyme.connectors.kinesis.reader;

import io.thyme.event.InvalidRow;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/** One Kinesis record decoded (or null for a skipped Debezium tombstone), with its position. */
record KinesisRecord(Either<Row, InvalidRow> decoded, String sequenceNumber) {}
