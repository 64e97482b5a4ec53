package io.thyme.connectors.kafka;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import io.thyme.event.RowDecodeException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record's value (a JSON object, or a Debezium envelope in debezium mode) into an
 * event, or into an {@link InvalidRow} that names the record's topic, partition and offset. Never
 * throws on bad data: the job keeps running.
 */
public final class KafkaRowDeserializer
        implements KafkaRecordDeserializationSchema<Either<Row, InvalidRow>> {
    private static final long serialVersionUID = 1L;

    /** Why a record without a value (outside debezium mode) goes to {@code .errors}. */
    static final String TOMBSTONE =
            "the record has no value (a tombstone); this cdc mode needs a JSON object in every"
                    + " record";

    private final JsonRowDecoder decoder;
    private final DebeziumEnvelopeDecoder envelopes;

    /** {@code envelopes} is null unless the source's cdc is debezium. */
    public KafkaRowDeserializer(JsonRowDecoder decoder, DebeziumEnvelopeDecoder envelopes) {
        this.decoder = decoder;
        this.envelopes = envelopes;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        if (envelopes != null) {
            envelopes.registerMetrics(context.getMetricGroup());
        }
    }

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record, Collector<Either<Row, InvalidRow>> out) {
        if (envelopes != null) {
            try {
                envelopes.decode(record.value()).ifPresent(row -> out.collect(Either.Left(row)));
            } catch (RowDecodeException e) {
                out.collect(
                        Either.Right(
                                new InvalidRow(e.getMessage(), origin(record), record.value())));
            }
            return;
        }
        if (record.value() == null) {
            out.collect(Either.Right(new InvalidRow(TOMBSTONE, origin(record), null)));
            return;
        }
        try {
            out.collect(Either.Left(decoder.decode(record.value())));
        } catch (RowDecodeException e) {
            out.collect(
                    Either.Right(new InvalidRow(e.getMessage(), origin(record), record.value())));
        }
    }

    /**
     * Where a record came from, as {@code .errors} says: {@code kafka://topic/partition@offset}.
     */
    static String origin(ConsumerRecord<?, ?> record) {
        return "kafka://" + record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    @Override
    public TypeInformation<Either<Row, InvalidRow>> getProducedType() {
        return decoder.schema().decodedType();
    }
}
