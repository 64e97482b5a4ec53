package io.thyme.sink;

import io.thyme.event.EventSchema;
import io.thyme.event.JsonEventEncoder;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an event to the dataset topic: key = the key fields as JSON, value = the event as JSON (a
 * delete is a tombstone: no value), timestamp = event time (none before 1970: Kafka refuses
 * negative timestamps, and the producer then stamps the record itself), header {@code
 * thyme.change}.
 */
public final class EventRecordSerializer implements KafkaRecordSerializationSchema<Row> {
    private static final long serialVersionUID = 1L;

    /** Events too large for the sink, written to {@code .errors} instead. */
    public static final String OVERSIZED_METRIC = "numOversizedRecords";

    private final String topic;
    private final EventSchema schema;
    private final JsonEventEncoder encoder;
    private final RecordSizeLimit limit;
    private transient Counter oversized;

    public EventRecordSerializer(String topic, EventSchema schema, RecordSizeLimit limit) {
        this.topic = topic;
        this.schema = schema;
        this.encoder = new JsonEventEncoder(schema);
        this.limit = limit;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        oversized = context.getMetricGroup().counter(OVERSIZED_METRIC);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Row event, KafkaSinkContext context, Long ts) {
        boolean delete = event.getKind() == RowKind.DELETE;
        JsonEventEncoder.KeyAndValue encoded =
                delete
                        ? new JsonEventEncoder.KeyAndValue(encoder.key(event), null)
                        : encoder.keyAndValue(event);
        return record(
                change(event.getKind()),
                schema.eventTimeMillis(event),
                encoded.key(),
                encoded.value());
    }

    /**
     * The dataset topic's record of an event already encoded ({@code value} null for a delete), or
     * its {@code .errors} record when it is too large for the sink.
     */
    ProducerRecord<byte[], byte[]> record(
            String change, long eventTimeMillis, byte[] key, byte[] value) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        null,
                        kafkaTimestamp(eventTimeMillis),
                        key,
                        value,
                        Headers.ofChange(change));
        ProducerRecord<byte[], byte[]> fitted = limit.fit(record, "the event");
        if (fitted != record && oversized != null) {
            oversized.inc();
        }
        return fitted;
    }

    /** The record timestamp of an event time: Kafka allows none below zero. */
    static Long kafkaTimestamp(long eventTimeMillis) {
        return eventTimeMillis < 0 ? null : eventTimeMillis;
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
