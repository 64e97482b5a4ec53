package io.thyme.sink;

import io.thyme.event.EncodedEvent;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a late event already in the wire format to {@code .late}, as {@link
 * LateEventRecordSerializer} writes a late row.
 */
public final class EncodedLateEventRecordSerializer
        implements KafkaRecordSerializationSchema<Tuple2<EncodedEvent, Long>> {
    private static final long serialVersionUID = 1L;

    private final LateEventRecordSerializer late;

    public EncodedLateEventRecordSerializer(LateEventRecordSerializer late) {
        this.late = late;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Tuple2<EncodedEvent, Long> event, KafkaSinkContext context, Long timestamp) {
        return late.record(
                "insert", event.f0.eventTimeMillis, event.f0.key, event.f0.value, event.f1);
    }
}
