package io.thyme.sink;

import io.thyme.event.InvalidRow;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a refused row to {@code <topic>.errors} as it was received, with the reason and origin.
 */
public final class InvalidRowRecordSerializer
        implements KafkaRecordSerializationSchema<InvalidRow> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RecordSizeLimit limit;

    public InvalidRowRecordSerializer(String topic, RecordSizeLimit limit) {
        this.topic = topic;
        this.limit = limit;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            InvalidRow row, KafkaSinkContext context, Long timestamp) {
        String reason = RecordSizeLimit.fitHeader(row.reason);
        String origin = RecordSizeLimit.fitHeader(row.origin);
        byte[] payload = limit.fitPayload(row.payload, reason, origin);
        boolean cut = payload != row.payload;
        return new ProducerRecord<>(
                topic,
                null,
                null,
                null,
                payload,
                Headers.of(
                        Headers.REASON,
                        reason,
                        Headers.ORIGIN,
                        origin,
                        Headers.TRUNCATED,
                        cut ? "true" : null));
    }
}
