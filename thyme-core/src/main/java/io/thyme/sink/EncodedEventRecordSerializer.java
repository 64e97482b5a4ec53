package io.thyme.sink;

import io.thyme.event.EncodedEvent;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an event already in the wire format to the dataset topic, as {@link EventRecordSerializer}
 * writes an inserted row.
 */
public final class EncodedEventRecordSerializer
        implements KafkaRecordSerializationSchema<EncodedEvent> {
    private static final long serialVersionUID = 1L;

    private final EventRecordSerializer events;

    public EncodedEventRecordSerializer(EventRecordSerializer events) {
        this.events = events;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        events.open(context, sinkContext);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            EncodedEvent event, KafkaSinkContext context, Long timestamp) {
        return events.record("insert", event.eventTimeMillis, event.key, event.value);
    }
}
