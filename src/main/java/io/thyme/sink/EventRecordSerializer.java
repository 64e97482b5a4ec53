package io.thyme.sink;

import io.thyme.event.EventSchema;
import io.thyme.event.JsonEventEncoder;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an event to the dataset topic: key = the key fields as JSON, value = the event as JSON (a
 * delete is a tombstone: no value), timestamp = event time, header {@code thyme.change}.
 */
public final class EventRecordSerializer implements KafkaRecordSerializationSchema<Row> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final EventSchema schema;
    private final JsonEventEncoder encoder;

    public EventRecordSerializer(String topic, EventSchema schema) {
        this.topic = topic;
        this.schema = schema;
        this.encoder = new JsonEventEncoder(schema);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Row event, KafkaSinkContext context, Long ts) {
        boolean delete = event.getKind() == RowKind.DELETE;
        return new ProducerRecord<>(
                topic,
                null,
                schema.eventTimeMillis(event),
                encoder.key(event),
                delete ? null : encoder.value(event),
                Headers.of(Headers.CHANGE, change(event.getKind())));
    }

    static String change(RowKind kind) {
        switch (kind) {
            case INSERT:
                return "insert";
            case UPDATE_AFTER:
            case UPDATE_BEFORE:
                return "update";
            case DELETE:
                return "delete";
            default:
                throw new IllegalArgumentException("unknown row kind " + kind);
        }
    }
}
