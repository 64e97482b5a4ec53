package io.thyme.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thyme.event.EventSchema;
import io.thyme.event.JsonRowDecoder;
import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.FieldType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

/**
 * Records exactly as Debezium 3.6.1's Postgres connector wrote them (captured by
 * DebeziumConnectorITCase into src/test/resources/debezium/; each line its topic, key and value):
 * the snapshot of rows 1-3, an UPDATE of 2, a DELETE of 3 and its tombstone, an INSERT of 4.
 */
class DebeziumRealEnvelopesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FieldSpec field(String name, BaseType type, boolean optional) {
        return new FieldSpec(name, new FieldType(type, optional), false, false);
    }

    private static DebeziumEnvelopeDecoder decoder(boolean timeOfDay) {
        List<FieldSpec> fields =
                new ArrayList<>(
                        List.of(
                                new FieldSpec(
                                        "id", new FieldType(BaseType.INT, false), true, false),
                                field("name", BaseType.STR, false),
                                field("amount", BaseType.FLOAT, false),
                                field("price", BaseType.STR, true),
                                field("ratio", BaseType.FLOAT, true),
                                field("seen", BaseType.DATETIME, true),
                                new FieldSpec(
                                        "at", new FieldType(BaseType.DATETIME, false), false, true),
                                field("day", BaseType.DATE, true),
                                field("active", BaseType.BOOL, false),
                                field("score", BaseType.FLOAT, false),
                                field("qty", BaseType.INT, false)));
        if (timeOfDay) {
            fields.add(field("tm", BaseType.STR, true));
        }
        return new DebeziumEnvelopeDecoder(
                new JsonRowDecoder(new EventSchema(new DatasetSpec("Account", true, fields))));
    }

    private static List<byte[]> values(String resource) throws IOException {
        List<byte[]> values = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(
                                DebeziumRealEnvelopesTest.class.getResourceAsStream(
                                        "/debezium/" + resource),
                                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode value = JSON.readTree(line).get("value");
                values.add(value.isNull() ? null : value.asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static List<Object> fields(Row row) {
        List<Object> fields = new ArrayList<>();
        for (int i = 0; i < row.getArity(); i++) {
            fields.add(row.getField(i));
        }
        return fields;
    }

    @Test
    void defaultConvertersDecodeToTheDatabasesValues() throws Exception {
        DebeziumEnvelopeDecoder decoder = decoder(true);
        List<Optional<Row>> rows = new ArrayList<>();
        for (byte[] value : values("postgres-defaults.jsonl")) {
            rows.add(decoder.decode(value));
        }
        assertThat(rows).hasSize(7);
        assertThat(fields(rows.get(0).orElseThrow()))
                .containsExactly(
                        1L,
                        "ann",
                        12.34,
                        "1.5000",
                        3.14159265358979,
                        Instant.parse("2024-05-01T10:00:00.123456Z"),
                        Instant.parse("2024-05-01T10:00:00.654321Z"),
                        LocalDate.parse("2024-05-01"),
                        true,
                        0.1,
                        7L,
                        "10:15:30.123456");
        assertThat(fields(rows.get(1).orElseThrow()))
                .containsExactly(
                        2L,
                        "bob",
                        -0.05,
                        null,
                        null,
                        null,
                        Instant.parse("2024-05-01T10:01:00Z"),
                        null,
                        false,
                        1e300,
                        -2147483648L,
                        null);
        assertThat(fields(rows.get(2).orElseThrow()))
                .containsExactly(
                        3L,
                        "cy",
                        99999999.99,
                        "123456.7891",
                        12345678901234567890.123456789,
                        Instant.parse("1969-12-31T23:59:59.999999Z"),
                        Instant.parse("2024-05-01T10:02:00.000001Z"),
                        LocalDate.parse("1900-01-01"),
                        true,
                        -2.5,
                        2147483647L,
                        "23:59:59.999999");
        Row updated = rows.get(3).orElseThrow();
        assertThat(updated.getKind()).isEqualTo(RowKind.UPDATE_AFTER);
        assertThat(fields(updated))
                .containsExactly(
                        2L,
                        "bob2",
                        0.01,
                        "0.0001",
                        1e-20,
                        Instant.parse("2024-05-02T00:00:00.000001Z"),
                        Instant.parse("2024-05-02T00:00:00.000001Z"),
                        LocalDate.parse("2024-02-29"),
                        false,
                        1e300,
                        -2147483648L,
                        "00:00:00.000001");
        Row deleted = rows.get(4).orElseThrow();
        assertThat(deleted.getKind()).isEqualTo(RowKind.DELETE);
        assertThat(deleted.getField(0)).isEqualTo(3L);
        assertThat(rows.get(5)).as("Debezium's tombstone").isEmpty();
        assertThat(fields(rows.get(6).orElseThrow()))
                .containsExactly(
                        4L,
                        "dee",
                        0.0,
                        "99999999.9999",
                        0.5,
                        Instant.parse("2024-05-03T23:59:59.5Z"),
                        Instant.parse("2024-05-04T06:59:59.5Z"),
                        LocalDate.parse("2024-05-03"),
                        false,
                        Double.MAX_VALUE,
                        0L,
                        "12:00:00");
        assertThat(decoder.skips().count(DebeziumSkips.Kind.TOMBSTONE)).isEqualTo(1);
    }

    @Test
    void withoutSchemasDecimalStringsAndMillisecondsDecode() throws Exception {
        DebeziumEnvelopeDecoder decoder = decoder(false);
        List<byte[]> values = values("postgres-no-schemas-string-connect.jsonl");
        assertThat(fields(decoder.decode(values.get(0)).orElseThrow()))
                .containsExactly(
                        1L,
                        "ann",
                        12.34,
                        "1.5000",
                        3.14159265358979,
                        Instant.parse("2024-05-01T10:00:00.123Z"),
                        Instant.parse("2024-05-01T10:00:00.654321Z"),
                        LocalDate.parse("2024-05-01"),
                        true,
                        0.1,
                        7L);
        assertThat(decoder.decode(values.get(2)).orElseThrow().getField(5))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
    }

    @Test
    void withoutSchemasPreciseDecimalsAndMicrosecondsAreRefusedNamingTheSettings()
            throws Exception {
        DebeziumEnvelopeDecoder decoder = decoder(false);
        byte[] first = values("postgres-no-schemas.jsonl").get(0);
        assertThatThrownBy(() -> decoder.decode(first))
                .hasMessageContaining(
                        "'after' image: field 'amount': \"BNI=\" is not a number but looks like"
                                + " base64;")
                .hasMessageContaining(
                        "keep the schema (value.converter.schemas.enable=true), or set"
                                + " decimal.handling.mode=double or string")
                .hasMessageContaining("field 'seen': 1714557600123456 is not epoch milliseconds")
                .hasMessageContaining("set time.precision.mode=connect");
    }

    @Test
    void truncatesMessagesTransactionMetadataAndHeartbeatsAreSkippedAndCounted() throws Exception {
        DebeziumEnvelopeDecoder decoder = decoder(true);
        List<Long> ids = new ArrayList<>();
        for (byte[] value : values("postgres-truncate-message-transactions-heartbeats.jsonl")) {
            decoder.decode(value).ifPresent(row -> ids.add((Long) row.getField(0)));
        }
        assertThat(ids).containsExactly(1L, 2L, 3L, 5L);
        DebeziumSkips skips = decoder.skips();
        assertThat(
                        Arrays.stream(DebeziumSkips.Kind.values())
                                .map(kind -> kind + "=" + skips.count(kind)))
                .containsExactly(
                        "TOMBSTONE=0", "TRUNCATE=1", "MESSAGE=1", "TRANSACTION=6", "HEARTBEAT=2");
    }
}
