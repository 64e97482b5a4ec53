package io.thyme.event;

import io.thyme.spec.BaseType;
import java.io.Serializable;
import org.apache.flink.types.Row;

/**
 * Writes events as the README's wire format: the value is a JSON object of all fields in spec
 * order, the key a JSON object of the key fields; datetimes are ISO-8601 UTC with microseconds,
 * dates {@code YYYY-MM-DD}, nulls JSON null, strings escaped as {@link JsonOutput} says. Written by
 * hand into one reused buffer: this runs for every record ({@code JsonEventEncoderTest} checks it
 * against Jackson's generator). Not thread-safe: one per sink writer.
 */
public final class JsonEventEncoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EventSchema schema;
    private final int[] keyIndexes;
    private final int[] allIndexes;
    private final BaseType[] types;
    private transient byte[][] names;
    private transient JsonOutput out;

    /** Where each field ({@code "name":value}) of the last object written begins and ends. */
    private transient int[] starts;

    private transient int[] ends;

    /** An event's key (null for a dataset without key fields) and value. */
    public record KeyAndValue(byte[] key, byte[] value) {}

    public JsonEventEncoder(EventSchema schema) {
        this.schema = schema;
        this.keyIndexes = schema.keyIndexes();
        this.allIndexes = java.util.stream.IntStream.range(0, schema.arity()).toArray();
        this.types = schema.fields().stream().map(f -> f.type().base()).toArray(BaseType[]::new);
    }

    public byte[] value(Row event) {
        return object(event, allIndexes);
    }

    /** The key, or null for a dataset without key fields. */
    public byte[] key(Row event) {
        return keyIndexes.length == 0 ? null : object(event, keyIndexes);
    }

    /**
     * The key and the value of an event; the key's fields are copied from the value's bytes (the
     * same {@code "name":value} text) instead of being encoded again.
     */
    public KeyAndValue keyAndValue(Row event) {
        byte[] value = object(event, allIndexes);
        return new KeyAndValue(keyOf(value, keyIndexes, starts, ends), value);
    }

    /**
     * The key object made of the {@code "name":value} texts of the key fields, which lie at {@code
     * starts[i]} to {@code ends[i]} of {@code value}; null without key fields.
     */
    static byte[] keyOf(byte[] value, int[] keyIndexes, int[] starts, int[] ends) {
        if (keyIndexes.length == 0) {
            return null;
        }
        int size = 1 + keyIndexes.length;
        for (int position : keyIndexes) {
            size += ends[position] - starts[position];
        }
        byte[] key = new byte[size];
        int at = 0;
        for (int i = 0; i < keyIndexes.length; i++) {
            key[at++] = (byte) (i == 0 ? '{' : ',');
            int position = keyIndexes[i];
            int length = ends[position] - starts[position];
            System.arraycopy(value, starts[position], key, at, length);
            at += length;
        }
        key[at] = '}';
        return key;
    }

    private byte[] object(Row event, int[] positions) {
        if (names == null) {
            init();
        }
        JsonOutput out = this.out;
        out.reset();
        out.put((byte) '{');
        for (int i = 0; i < positions.length; i++) {
            int position = positions[i];
            if (i > 0) {
                out.put((byte) ',');
            }
            starts[position] = out.length();
            out.put(names[position]);
            out.value(types[position], event.getField(position));
            ends[position] = out.length();
        }
        out.put((byte) '}');
        return out.copy();
    }

    private void init() {
        out = new JsonOutput();
        starts = new int[schema.arity()];
        ends = new int[schema.arity()];
        names = JsonOutput.names(schema);
    }
}
