package io.thyme.event;

import java.util.Arrays;

/**
 * An inserted event already in the wire format, as the sink writes it: the value, the key (null for
 * a dataset without key fields) and the event time. What a JSON source in append mode hands the
 * sink, so the record's JSON is not read into a {@code Row} and written back (see {@link
 * EncodedEventDecoder}). A Flink POJO, so it needs no Kryo.
 */
public class EncodedEvent {
    /** The event as the wire format's JSON object of all fields. */
    public byte[] value;

    /** The key fields as a JSON object, or null without key fields. */
    public byte[] key;

    /** Event time in epoch milliseconds. */
    public long eventTimeMillis;

    public EncodedEvent() {}

    public EncodedEvent(byte[] value, byte[] key, long eventTimeMillis) {
        this.value = value;
        this.key = key;
        this.eventTimeMillis = eventTimeMillis;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedEvent that
                && eventTimeMillis == that.eventTimeMillis
                && Arrays.equals(value, that.value)
                && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + Long.hashCode(eventTimeMillis);
    }

    @Override
    public String toString() {
        return value == null
                ? "EncodedEvent{}"
                : new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
