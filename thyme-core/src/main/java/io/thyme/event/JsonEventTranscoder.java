package io.thyme.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The records {@link FlatJsonReader} reads, written straight into the wire format instead of into a
 * row: strings are copied as they are (ASCII without escapes is its own JSON), numbers, booleans,
 * dates and date-times are written by {@link JsonOutput} as {@link JsonEventEncoder} writes them,
 * fields in spec order (a field an event does not send is null), the key cut from the value, the
 * event time taken on the way. It takes exactly the records the reader takes and gives the bytes
 * the encoder gives for the reader's row ({@code FlatJsonReaderTest} checks both on every record it
 * generates); it declines the others. Not thread-safe: one per source reader.
 */
final class JsonEventTranscoder extends FlatJsonScanner {
    private final byte[][] fieldNames;
    private final int[] keyIndexes;
    private final int timestampIndex;
    private final JsonOutput values = new JsonOutput();

    /**
     * Where each field ({@code "name":value}) lies in {@link #values} as it is written, then in the
     * event's value.
     */
    private final int[] fieldStarts;

    private final int[] fieldEnds;

    private long eventTime;
    private boolean timed;

    JsonEventTranscoder(EventSchema schema) {
        super(schema);
        fieldNames = JsonOutput.names(schema);
        keyIndexes = schema.keyIndexes();
        timestampIndex = schema.timestampIndex();
        fieldStarts = new int[schema.arity()];
        fieldEnds = new int[schema.arity()];
    }

    /** The event, or null to leave the record to the decoder and the encoder. */
    EncodedEvent transcode(byte[] bytes) {
        start(bytes);
        try {
            return object();
        } finally {
            in = null;
        }
    }

    private EncodedEvent object() {
        skipSpace();
        if (!consume('{')) {
            return null;
        }
        values.reset();
        values.put((byte) '{');
        timed = false;
        long seen = 0;
        int expected = 0;
        int written = 0;
        boolean inOrder = true;
        skipSpace();
        if (!consume('}')) {
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
                    if (written > 0) {
                        values.put((byte) ',');
                    }
                    fieldStarts[position] = values.length();
                    values.put(fieldNames[position]);
                    if (!value(position)) {
                        return null;
                    }
                    fieldEnds[position] = values.length();
                    inOrder &= position == written;
                    written++;
                    seen |= 1L << position;
                    expected = position + 1;
                }
                Boolean ends = objectEnds();
                if (ends == null) {
                    return null;
                }
                if (ends) {
                    break;
                }
            }
        }
        // without an event time the row's way decides what happens
        if (!onlyOptionalMissing(seen) || !timed) {
            return null;
        }
        byte[] value;
        if (inOrder && written == fieldNames.length) {
            // every field once, in spec order: what was written is the value
            values.put((byte) '}');
            value = values.copy();
        } else {
            value = reordered(seen);
        }
        return new EncodedEvent(
                value,
                JsonEventEncoder.keyOf(value, keyIndexes, fieldStarts, fieldEnds),
                eventTime);
    }

    /** Writes field {@code position}'s value; false to decline. */
    private boolean value(int position) {
        if (nullNext()) {
            if (!nullFor(position)) {
                return false;
            }
            values.put(JsonOutput.NULL);
            if (position == timestampIndex) {
                timed = false;
            }
            return true;
        }
        switch (types[position]) {
            case STR:
                if (!stringRange()) {
                    return false;
                }
                values.put(in, stringStart - 1, stringEnd + 1); // with its quotes
                return true;
            case INT:
                if (!number() || !integral) {
                    return false;
                }
                values.integer(wholeNumber);
                return true;
            case FLOAT:
                if (!finiteNumber()) {
                    return false;
                }
                values.decimal(number);
                return true;
            case BOOL:
                {
                    Boolean value = bool();
                    if (value == null) {
                        return false;
                    }
                    values.bool(value);
                    return true;
                }
            case DATETIME:
                {
                    Instant instant = datetime();
                    if (instant == null) {
                        return false;
                    }
                    values.datetime(instant);
                    if (position == timestampIndex) {
                        eventTime = EventSchema.eventTimeMillis(instant);
                        timed = true;
                    }
                    return true;
                }
            case DATE:
                {
                    LocalDate date = date();
                    if (date == null) {
                        return false;
                    }
                    values.string(date.toString());
                    return true;
                }
            default:
                return false;
        }
    }

    /**
     * The value object in spec order from the fields written in another order (or twice, the last
     * one counting, or not at all: null); {@link #fieldStarts} and {@link #fieldEnds} then say
     * where each field lies in it.
     */
    private byte[] reordered(long seen) {
        int arity = fieldNames.length;
        int size = 1 + arity;
        for (int i = 0; i < arity; i++) {
            size +=
                    (seen & (1L << i)) != 0
                            ? fieldEnds[i] - fieldStarts[i]
                            : fieldNames[i].length + JsonOutput.NULL.length;
        }
        byte[] value = new byte[size];
        byte[] written = values.buffer();
        int at = 0;
        for (int i = 0; i < arity; i++) {
            value[at++] = (byte) (i == 0 ? '{' : ',');
            int start = at;
            if ((seen & (1L << i)) != 0) {
                int length = fieldEnds[i] - fieldStarts[i];
                System.arraycopy(written, fieldStarts[i], value, at, length);
                at += length;
            } else {
                System.arraycopy(fieldNames[i], 0, value, at, fieldNames[i].length);
                at += fieldNames[i].length;
                System.arraycopy(JsonOutput.NULL, 0, value, at, JsonOutput.NULL.length);
                at += JsonOutput.NULL.length;
            }
            fieldStarts[i] = start;
            fieldEnds[i] = at;
        }
        value[at] = '}';
        return value;
    }
}
