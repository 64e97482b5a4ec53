package io.thyme.connectors.iceberg.reader;

import io.thyme.event.InvalidRow;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/** One event of a split, on its way from the fetcher thread to the emitter. */
record IcebergRecord(Either<Row, InvalidRow> decoded) {}
