package io.thyme.connectors.kafka;

import io.thyme.event.EncodedEvent;
import io.thyme.event.EncodedEventDecoder;
import io.thyme.event.InvalidRow;
import io.thyme.event.RowDecodeException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * In append mode: turns each Kafka record's value (a JSON object) into the event the sink writes,
 * already encoded, or into an {@link InvalidRow} exactly as {@link KafkaRowDeserializer} would.
 * Never throws on bad data: the job keeps running.
 */
public final class KafkaEventDeserializer
        implements KafkaRecordDeserializationSchema<Either<EncodedEvent, InvalidRow>> {
    private static final long serialVersionUID = 1L;

    private final EncodedEventDecoder decoder;

    public KafkaEventDeserializer(EncodedEventDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record,
            Collector<Either<EncodedEvent, InvalidRow>> out) {
        if (record.value() == null) {
            out.collect(
                    Either.Right(
                            new InvalidRow(
                                    KafkaRowDeserializer.TOMBSTONE,
                                    KafkaRowDeserializer.origin(record),
                                    null)));
            return;
        }
        try {
            out.collect(Either.Left(decoder.decode(record.value())));
        } catch (RowDecodeException e) {
            out.collect(
                    Either.Right(
                            new InvalidRow(
                                    e.getMessage(),
                                    KafkaRowDeserializer.origin(record),
                                    record.value())));
        }
    }

    @Override
    public TypeInformation<Either<EncodedEvent, InvalidRow>> getProducedType() {
        return decoder.schema().encodedType();
    }
}
