package io.thyme.event;

import java.io.Serializable;

/**
 * Turns one JSON record of an append-mode source into the event the sink writes, without a row in
 * between when it can: the common records are transcoded straight into the wire format ({@link
 * JsonEventTranscoder}); the others are decoded by {@link JsonRowDecoder}, which gives the row or
 * the error exactly as for the row's way, and the row is encoded. Either way the bytes are the ones
 * {@link JsonEventEncoder} writes for the decoded row.
 */
public final class EncodedEventDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EventSchema schema;
    private final JsonRowDecoder rows;
    private final JsonEventEncoder encoder;

    /** Null for more than 64 fields, which the row's way reads. */
    private transient JsonEventTranscoder transcoder;

    private transient boolean initialized;

    public EncodedEventDecoder(EventSchema schema) {
        this.schema = schema;
        this.rows = new JsonRowDecoder(schema);
        this.encoder = new JsonEventEncoder(schema);
    }

    public EventSchema schema() {
        return schema;
    }

    public EncodedEvent decode(byte[] bytes) throws RowDecodeException {
        if (!initialized) {
            transcoder = schema.arity() <= Long.SIZE ? new JsonEventTranscoder(schema) : null;
            initialized = true;
        }
        if (transcoder != null) {
            EncodedEvent event = transcoder.transcode(bytes);
            if (event != null) {
                return event;
            }
        }
        org.apache.flink.types.Row row = rows.decode(bytes);
        JsonEventEncoder.KeyAndValue encoded = encoder.keyAndValue(row);
        return new EncodedEvent(encoded.value(), encoded.key(), schema.eventTimeMillis(row));
    }
}
