package io.thyme.connectors.s3.reader;

import io.thyme.event.InvalidRow;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * One line (or array element) of an object: its event or why it is not one, the row's cursor value,
 * and the object's position after it.
 */
record S3Record(Either<Row, InvalidRow> decoded, Object cursor, long linesConsumed) {}
