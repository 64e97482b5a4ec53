package io.thyme.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.event.EncodedEvent;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonEventEncoder;
import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.FieldType;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** Rows as they are, or encoded in the fetcher thread: the same bytes the sink's encoder writes. */
class PolledEventsTest {
    private static final EventSchema SCHEMA =
            new EventSchema(
                    new DatasetSpec(
                            "T",
                            true,
                            List.of(
                                    new FieldSpec(
                                            "id", new FieldType(BaseType.INT, false), true, false),
                                    new FieldSpec(
                                            "ts",
                                            new FieldType(BaseType.DATETIME, false),
                                            false,
                                            true))));

    private static final Instant TS = Instant.parse("2024-05-01T12:00:00.123Z");

    private static PolledRecord row(Either<Row, InvalidRow> decoded) {
        return PolledRecord.snapshotRow(decoded, TS, 42, "(0,1)");
    }

    @Test
    void rowsPassAsTheyAre() {
        PolledEvents<Row> rows = PolledEvents.rows(SCHEMA);
        PolledRecord record = row(Either.Left(Row.of(7L, TS)));
        assertThat(rows.newPreparer().apply(record)).isSameAs(record);
        assertThat(rows.emitted(record).left()).isEqualTo(Row.of(7L, TS));
    }

    @Test
    void encodedRowsAreTheSinksBytesAndKeepTheirPlaceInThePoll() {
        PolledEvents<EncodedEvent> encoded = PolledEvents.encoded(SCHEMA);
        UnaryOperator<PolledRecord> preparer = encoded.newPreparer();
        PolledRecord prepared = preparer.apply(row(Either.Left(Row.of(7L, TS))));

        JsonEventEncoder encoder = new JsonEventEncoder(SCHEMA);
        EncodedEvent event = encoded.emitted(prepared).left();
        assertThat(event.value).isEqualTo(encoder.value(Row.of(7L, TS)));
        assertThat(event.key).isEqualTo(encoder.key(Row.of(7L, TS)));
        assertThat(event.eventTimeMillis).isEqualTo(TS.toEpochMilli());
        assertThat(prepared.decoded()).as("the row is dropped once encoded").isNull();
        // what the split's state reads of a row is kept
        assertThat(prepared.cursor()).isEqualTo(TS);
        assertThat(prepared.identity()).isEqualTo(42);
        assertThat(prepared.tieBreaker()).isEqualTo("(0,1)");
    }

    @Test
    void invalidRowsPassToErrorsUnchanged() {
        PolledEvents<EncodedEvent> encoded = PolledEvents.encoded(SCHEMA);
        InvalidRow bad = new InvalidRow("field 'ts': 'infinity' is not a datetime", "pg://t", null);
        PolledRecord prepared = encoded.newPreparer().apply(row(Either.Right(bad)));
        assertThat(encoded.emitted(prepared).right()).isSameAs(bad);
    }
}
