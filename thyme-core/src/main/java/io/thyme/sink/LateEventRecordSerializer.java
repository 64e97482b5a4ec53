package io.thyme.sink;

import io.thyme.event.EventSchema;
import io.thyme.event.FieldValues;
import io.thyme.event.JsonEventEncoder;
import io.thyme.spec.DurationParser;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a late event to {@code <topic>.late} in the same key/value form as the dataset topic, with
 * headers that say which watermark it missed and by how much.
 */
public final class LateEventRecordSerializer
        implements KafkaRecordSerializationSchema<Tuple2<Row, Long>> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final EventSchema schema;
    private final JsonEventEncoder encoder;
    private final String maxLateness;

    private final RecordSizeLimit limit;

    public LateEventRecordSerializer(
            String topic, EventSchema schema, Duration maxLateness, RecordSizeLimit limit) {
        this.limit = limit;
        this.topic = topic;
        this.schema = schema;
        this.encoder = new JsonEventEncoder(schema);
        this.maxLateness = DurationParser.format(maxLateness);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Tuple2<Row, Long> late, KafkaSinkContext context, Long ts) {
        Row event = late.f0;
        return record(
                EventRecordSerializer.change(event.getKind()),
                schema.eventTimeMillis(event),
                encoder.key(event),
                encoder.value(event),
                late.f1);
    }

    /**
     * The {@code .late} record of an event already encoded that arrived behind {@code watermark}.
     */
    ProducerRecord<byte[], byte[]> record(
            String change, long eventTime, byte[] key, byte[] value, long watermark) {
        String reason =
                String.format(
                        "event time %s is more than max_lateness %s behind the newest event time"
                                + " seen",
                        FieldValues.formatDatetime(Instant.ofEpochMilli(eventTime)), maxLateness);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        null,
                        EventRecordSerializer.kafkaTimestamp(eventTime),
                        key,
                        value,
                        Headers.of(
                                Headers.CHANGE,
                                change,
                                Headers.REASON,
                                reason,
                                Headers.WATERMARK,
                                FieldValues.formatDatetime(Instant.ofEpochMilli(watermark))));
        return limit.fit(record, "the late event");
    }
}
