package io.thyme.connectors.postgres;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.event.InvalidRow;
import io.thyme.event.RowDecodeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.cdc.debezium.JsonDebeziumDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * Turns each change Flink CDC reads from the log (a Debezium record) into a dataset event through
 * the same envelope decoder Debezium topics use (as JSON with its schema, which the decoder
 * resolves once per table version): snapshot reads and inserts are inserts, updates updates,
 * deletes deletes of the old row; a change that does not fit the dataset becomes an invalid row
 * with its origin.
 */
final class PostgresChangeDecoder
        implements DebeziumDeserializationSchema<Either<Row, InvalidRow>> {
    private static final long serialVersionUID = 1L;

    /** With the schema, so each column is read by its logical type (e.g. MicroTimestamp). */
    private final JsonDebeziumDeserializationSchema json =
            new JsonDebeziumDeserializationSchema(true);

    private final DebeziumEnvelopeDecoder envelopes;
    private final String origin;
    private final TypeInformation<Either<Row, InvalidRow>> producedType;
    private transient List<String> changes;
    private transient Collector<String> collector;

    PostgresChangeDecoder(
            DebeziumEnvelopeDecoder envelopes,
            String origin,
            TypeInformation<Either<Row, InvalidRow>> producedType) {
        this.envelopes = envelopes;
        this.origin = origin;
        this.producedType = producedType;
    }

    @Override
    public void deserialize(SourceRecord record, Collector<Either<Row, InvalidRow>> out)
            throws Exception {
        if (changes == null) {
            changes = new ArrayList<>(1);
            collector = collector(changes);
        }
        changes.clear();
        json.deserialize(record, collector);
        for (String change : changes) {
            byte[] value = change.getBytes(StandardCharsets.UTF_8);
            try {
                Optional<Row> row = envelopes.decode(value);
                row.ifPresent(r -> out.collect(Either.Left(r)));
            } catch (RowDecodeException e) {
                out.collect(
                        Either.Right(
                                new InvalidRow(
                                        e.getMessage(),
                                        origin + "@" + record.sourceOffset(),
                                        value)));
            }
        }
    }

    private static Collector<String> collector(List<String> into) {
        return new Collector<>() {
            @Override
            public void collect(String value) {
                into.add(value);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public TypeInformation<Either<Row, InvalidRow>> getProducedType() {
        return producedType;
    }
}
