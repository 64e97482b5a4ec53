package io.thyme.event;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * The common case of {@link JsonRowDecoder}, read straight from the bytes: one flat JSON object of
 * ASCII strings without escapes, numbers, booleans and nulls, each value of its field's type (keys
 * the dataset does not declare are skipped when their value is such a scalar). Anything else (an
 * escape, a non-ASCII character, a nested value, a value of the wrong type, a missing field, text
 * that is not JSON) makes it answer null, and the decoder reads the record with Jackson, which then
 * decides: the result or the error message is Jackson's whenever this declines, and the same row as
 * Jackson's whenever it does not ({@code FlatJsonReaderTest} compares both on generated and damaged
 * records). It exists because creating a Jackson parser per record cost more than reading the
 * record. Not thread-safe: one per decoder.
 */
final class FlatJsonReader extends FlatJsonScanner {

    FlatJsonReader(EventSchema schema) {
        super(schema);
    }

    /** The row, or null to leave the record to Jackson. */
    Row read(byte[] bytes, RowKind kind) {
        start(bytes);
        try {
            return object(kind);
        } finally {
            in = null;
        }
    }

    private Row object(RowKind kind) {
        skipSpace();
        if (!consume('{')) {
            return null;
        }
        Row row = Row.withPositions(kind, names.length);
        long seen = 0;
        int expected = 0;
        skipSpace();
        if (consume('}')) {
            return onlyOptionalMissing(seen) ? row : null;
        }
        while (true) {
            int position = key(expected);
            if (position == -2) {
                return null;
            }
            if (position < 0) {
                if (!skipScalar()) {
                    return null;
                }
            } else {
                if (!value(row, position)) {
                    return null;
                }
                seen |= 1L << position;
                expected = position + 1;
            }
            Boolean ends = objectEnds();
            if (ends == null) {
                return null;
            }
            if (ends) {
                // the row once every field not sent is Optional (the others get Jackson's message)
                return onlyOptionalMissing(seen) ? row : null;
            }
        }
    }

    /** Reads field {@code position}'s value into the row; false to decline. */
    private boolean value(Row row, int position) {
        if (nullNext()) {
            if (!nullFor(position)) {
                return false;
            }
            row.setField(position, null);
            return true;
        }
        switch (types[position]) {
            case STR:
                {
                    String text = string();
                    if (text == null) {
                        return false;
                    }
                    row.setField(position, text);
                    return true;
                }
            case INT:
                if (!number() || !integral) {
                    return false;
                }
                row.setField(position, wholeNumber);
                return true;
            case FLOAT:
                if (!finiteNumber()) {
                    return false;
                }
                row.setField(position, number);
                return true;
            case BOOL:
                {
                    Boolean value = bool();
                    if (value == null) {
                        return false;
                    }
                    row.setField(position, value);
                    return true;
                }
            case DATETIME:
                {
                    Instant instant = datetime();
                    if (instant == null) {
                        return false;
                    }
                    row.setField(position, instant);
                    return true;
                }
            case DATE:
                {
                    LocalDate date = date();
                    if (date == null) {
                        return false;
                    }
                    row.setField(position, date);
                    return true;
                }
            default:
                return false;
        }
    }
}
