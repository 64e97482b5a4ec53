package io.thyme.polling;

import io.thyme.event.EncodedEvent;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonEventEncoder;
import io.thyme.spec.CdcMode;
import io.thyme.spec.JobSpec;
import java.io.Serializable;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * What a polling source emits for the rows its polls read: the rows themselves, or, in append mode,
 * the events already encoded in the wire format ({@link EncodedEvent}), encoded in the fetcher
 * thread so that the task thread, which runs the rest of the chain and the sink, does not.
 *
 * @param <E> {@code Row}, or {@link EncodedEvent}
 */
public abstract class PolledEvents<E> implements Serializable {
    private static final long serialVersionUID = 1L;

    final EventSchema schema;

    private PolledEvents(EventSchema schema) {
        this.schema = schema;
    }

    /** The rows as they are. */
    public static PolledEvents<Row> rows(EventSchema schema) {
        return new Rows(schema);
    }

    /** The events in the wire format, for append mode (upsert needs the rows). */
    public static PolledEvents<EncodedEvent> encoded(EventSchema schema) {
        return new Encoded(schema);
    }

    /** The events encoded, for a spec in append mode (the one they serve); else empty. */
    public static Optional<PolledEvents<EncodedEvent>> encodedFor(
            JobSpec spec, EventSchema schema) {
        return spec.source().cdc() == CdcMode.APPEND
                ? Optional.of(encoded(schema))
                : Optional.empty();
    }

    public abstract TypeInformation<Either<E, InvalidRow>> type();

    /**
     * A new step for one fetcher thread (not thread-safe), applied there to each row record before
     * it is handed to the task.
     */
    public abstract UnaryOperator<PolledRecord> newPreparer();

    /** In the task thread: what the source emits for a row record that was prepared. */
    public abstract Either<E, InvalidRow> emitted(PolledRecord row);

    private static final class Rows extends PolledEvents<Row> {
        private static final long serialVersionUID = 1L;

        Rows(EventSchema schema) {
            super(schema);
        }

        @Override
        public TypeInformation<Either<Row, InvalidRow>> type() {
            return schema.decodedType();
        }

        @Override
        public UnaryOperator<PolledRecord> newPreparer() {
            return UnaryOperator.identity();
        }

        @Override
        public Either<Row, InvalidRow> emitted(PolledRecord row) {
            return row.decoded();
        }
    }

    private static final class Encoded extends PolledEvents<EncodedEvent> {
        private static final long serialVersionUID = 1L;

        Encoded(EventSchema schema) {
            super(schema);
        }

        @Override
        public TypeInformation<Either<EncodedEvent, InvalidRow>> type() {
            return schema.encodedType();
        }

        @Override
        public UnaryOperator<PolledRecord> newPreparer() {
            JsonEventEncoder encoder = new JsonEventEncoder(schema);
            return record -> {
                if (!record.decoded().isLeft()) {
                    return record;
                }
                Row row = record.decoded().left();
                JsonEventEncoder.KeyAndValue encoded = encoder.keyAndValue(row);
                return record.encodedAs(
                        new EncodedEvent(
                                encoded.value(), encoded.key(), schema.eventTimeMillis(row)));
            };
        }

        @Override
        public Either<EncodedEvent, InvalidRow> emitted(PolledRecord row) {
            return row.encoded() != null
                    ? Either.Left(row.encoded())
                    : Either.Right(row.decoded().right());
        }
    }
}
