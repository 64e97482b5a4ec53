package io.thyme.sink;

import io.thyme.event.InvalidRow;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one sink of a dataset writes each outcome to its topic: an event to the dataset topic, a late
 * event to {@code .late}, an invalid row to {@code .errors}, each as its own serializer says.
 */
public final class OutcomeRecordSerializer<E>
        implements KafkaRecordSerializationSchema<Either<E, Either<Tuple2<E, Long>, InvalidRow>>> {
    private static final long serialVersionUID = 1L;

    private final KafkaRecordSerializationSchema<E> events;
    private final KafkaRecordSerializationSchema<Tuple2<E, Long>> late;
    private final InvalidRowRecordSerializer errors;

    public OutcomeRecordSerializer(
            KafkaRecordSerializationSchema<E> events,
            KafkaRecordSerializationSchema<Tuple2<E, Long>> late,
            InvalidRowRecordSerializer errors) {
        this.events = events;
        this.late = late;
        this.errors = errors;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        events.open(context, sinkContext);
        late.open(context, sinkContext);
        errors.open(context, sinkContext);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Either<E, Either<Tuple2<E, Long>, InvalidRow>> outcome,
            KafkaSinkContext context,
            Long timestamp) {
        if (outcome.isLeft()) {
            return events.serialize(outcome.left(), context, timestamp);
        }
        Either<Tuple2<E, Long>, InvalidRow> other = outcome.right();
        return other.isLeft()
                ? late.serialize(other.left(), context, timestamp)
                : errors.serialize(other.right(), context, timestamp);
    }
}
