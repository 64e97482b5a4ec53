package io.thyme.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.event.EventSchema;
import io.thyme.event.JsonRowDecoder;
import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.FieldType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each Debezium/Kafka Connect logical type read from the envelope's schema into each dataset type,
 * with envelopes shaped as the JSON converter writes them (one column {@code v} besides the key).
 */
class DebeziumLogicalTypesTest {
    private static final String TS = "\"ts\":\"2024-05-01T10:00:00Z\"";

    private static DebeziumEnvelopeDecoder decoder(BaseType type) {
        return new DebeziumEnvelopeDecoder(
                new JsonRowDecoder(
                        new EventSchema(
                                new DatasetSpec(
                                        "T",
                                        true,
                                        List.of(
                                                new FieldSpec(
                                                        "id",
                                                        new FieldType(BaseType.INT, false),
                                                        true,
                                                        false),
                                                new FieldSpec(
                                                        "v",
                                                        new FieldType(type, true),
                                                        false,
                                                        false),
                                                new FieldSpec(
                                                        "ts",
                                                        new FieldType(BaseType.DATETIME, false),
                                                        false,
                                                        true))))));
    }

    /** An envelope whose column v has the given JSON schema and value. */
    private static byte[] envelope(String column, String value) {
        String row =
                "{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
                        + "\"field\":\"id\"},"
                        + column.substring(0, column.lastIndexOf('}'))
                        + ",\"field\":\"v\"}"
                        + ",{\"type\":\"string\",\"optional\":false,\"name\":"
                        + "\"io.debezium.time.ZonedTimestamp\",\"field\":\"ts\"}],"
                        + "\"optional\":true,\"name\":\"t.public.t.Value\",\"field\":\"%s\"}";
        return ("{\"schema\":{\"type\":\"struct\",\"fields\":["
                        + String.format(row, "before")
                        + ","
                        + String.format(row, "after")
                        + ",{\"type\":\"string\",\"optional\":false,\"field\":\"op\"}],"
                        + "\"optional\":false,\"name\":\"t.public.t.Envelope\",\"version\":2},"
                        + "\"payload\":{\"before\":null,\"after\":{\"id\":1,\"v\":"
                        + value
                        + ","
                        + TS
                        + "},\"op\":\"c\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Object read(BaseType type, String column, String value) throws Exception {
        return decoder(type).decode(envelope(column, value)).orElseThrow().getField(1);
    }

    private static String logical(String type, String name) {
        return "{\"type\":\"" + type + "\",\"optional\":true,\"name\":\"" + name + "\"}";
    }

    @Test
    void decimalsAreExactInEveryNumberType() throws Exception {
        String decimal =
                "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data"
                        + ".Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\","
                        + "\"connect.decimal.precision\":\"10\"}}";
        // 0x07D0 = 2000, scale 2
        assertThat(read(BaseType.FLOAT, decimal, "\"B9A=\"")).isEqualTo(20.0);
        assertThat(read(BaseType.STR, decimal, "\"B9A=\"")).isEqualTo("20.00");
        assertThat(read(BaseType.INT, decimal, "\"B9A=\"")).isEqualTo(20L);
        assertThat(read(BaseType.FLOAT, decimal, "\"/w==\"")).isEqualTo(-0.01);
        String shaded =
                decimal.replace(
                        "org.apache.kafka",
                        "org.apache.flink.cdc.connectors.shaded.org.apache.kafka");
        assertThat(read(BaseType.FLOAT, shaded, "\"B9A=\""))
                .as("Flink CDC's jar relocates Kafka Connect, and its type names with it")
                .isEqualTo(20.0);
        assertThat(read(BaseType.FLOAT, decimal, "12.34"))
                .as("the JSON converter's decimal.format=NUMERIC")
                .isEqualTo(12.34);
        assertThatThrownBy(() -> read(BaseType.INT, decimal, "\"BNI=\""))
                .hasMessageContaining("field 'v': 12.34 is not a whole number");
        assertThatThrownBy(() -> read(BaseType.BOOL, decimal, "\"BNI=\""))
                .hasMessageContaining("declare the field float, str or int");
        assertThatThrownBy(() -> read(BaseType.FLOAT, decimal, "\"B9A!\""))
                .hasMessageContaining("is not a decimal's base64 bytes");

        String variable =
                "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
                        + "\"field\":\"scale\"},{\"type\":\"bytes\",\"optional\":false,"
                        + "\"field\":\"value\"}],\"optional\":true,"
                        + "\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1}";
        assertThat(read(BaseType.STR, variable, "{\"scale\":3,\"value\":\"MDk=\"}"))
                .isEqualTo("12.345");
        assertThat(read(BaseType.FLOAT, variable, "{\"scale\":3,\"value\":\"MDk=\"}"))
                .isEqualTo(12.345);
        assertThatThrownBy(() -> read(BaseType.FLOAT, variable, "{\"scale\":3}"))
                .hasMessageContaining("without an integer 'scale' and a base64 'value'");

        String text = "{\"type\":\"string\",\"optional\":true}";
        assertThat(read(BaseType.FLOAT, text, "\"12.34\""))
                .as("decimal.handling.mode=string")
                .isEqualTo(12.34);
        assertThatThrownBy(() -> read(BaseType.FLOAT, text, "\"abc\""))
                .hasMessageContaining("expected a number, found \"abc\"");
    }

    @Test
    void timestampsKeepTheirPrecision() throws Exception {
        Instant micros = Instant.parse("2024-05-01T10:00:00.123456Z");
        assertThat(
                        read(
                                BaseType.DATETIME,
                                logical("int64", "io.debezium.time.MicroTimestamp"),
                                "1714557600123456"))
                .isEqualTo(micros);
        assertThat(
                        read(
                                BaseType.DATETIME,
                                logical("int64", "io.debezium.time.NanoTimestamp"),
                                "1714557600123456789"))
                .isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
        for (String millis :
                List.of("io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp")) {
            assertThat(read(BaseType.DATETIME, logical("int64", millis), "1714557600123"))
                    .isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
        }
        assertThat(
                        read(
                                BaseType.DATETIME,
                                logical("int64", "io.debezium.time.MicroTimestamp"),
                                "-1"))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(
                        read(
                                BaseType.STR,
                                logical("int64", "io.debezium.time.MicroTimestamp"),
                                "1714557600123456"))
                .isEqualTo("2024-05-01T10:00:00.123456Z");
        assertThat(
                        read(
                                BaseType.INT,
                                logical("int64", "io.debezium.time.MicroTimestamp"),
                                "1714557600123456"))
                .isEqualTo(1714557600123456L);
        assertThat(
                        read(
                                BaseType.DATETIME,
                                logical("string", "io.debezium.time.ZonedTimestamp"),
                                "\"2024-05-01T10:00:00.123456Z\""))
                .isEqualTo(micros);
        assertThatThrownBy(
                        () ->
                                read(
                                        BaseType.DATE,
                                        logical("int64", "io.debezium.time.MicroTimestamp"),
                                        "1714557600123456"))
                .hasMessageContaining(
                        "is a timestamp (io.debezium.time.MicroTimestamp, epoch microseconds)")
                .hasMessageContaining("declare the field datetime");
        assertThatThrownBy(
                        () ->
                                read(
                                        BaseType.DATETIME,
                                        logical("int64", "io.debezium.time.NanoTimestamp"),
                                        "\"soon\""))
                .hasMessageContaining("expected io.debezium.time.NanoTimestamp");
    }

    @Test
    void datesAndTimesOfDay() throws Exception {
        for (String date : List.of("io.debezium.time.Date", "org.apache.kafka.connect.data.Date")) {
            assertThat(read(BaseType.DATE, logical("int32", date), "19844"))
                    .isEqualTo(LocalDate.parse("2024-05-01"));
            assertThat(read(BaseType.STR, logical("int32", date), "-25567"))
                    .isEqualTo("1900-01-01");
            assertThatThrownBy(() -> read(BaseType.DATETIME, logical("int32", date), "19844"))
                    .hasMessageContaining("is a date (" + date)
                    .hasMessageContaining("declare the field date");
        }
        assertThat(
                        read(
                                BaseType.STR,
                                logical("int64", "io.debezium.time.MicroTime"),
                                "36930123456"))
                .isEqualTo("10:15:30.123456");
        assertThat(read(BaseType.STR, logical("int64", "io.debezium.time.NanoTime"), "1"))
                .isEqualTo("00:00:00.000000001");
        assertThat(
                        read(
                                BaseType.STR,
                                logical("int32", "org.apache.kafka.connect.data.Time"),
                                "36930000"))
                .isEqualTo("10:15:30");
        assertThat(read(BaseType.INT, logical("int32", "io.debezium.time.Time"), "36930123"))
                .isEqualTo(36930123L);
        assertThatThrownBy(
                        () ->
                                read(
                                        BaseType.STR,
                                        logical("int64", "io.debezium.time.MicroTime"),
                                        "86400000000"))
                .hasMessageContaining("is not a time of day (24:00:00?)");
        assertThatThrownBy(
                        () ->
                                read(
                                        BaseType.DATETIME,
                                        logical("int64", "io.debezium.time.MicroTime"),
                                        "1"))
                .hasMessageContaining("is a time of day (io.debezium.time.MicroTime");
        assertThat(
                        read(
                                BaseType.STR,
                                logical("string", "io.debezium.time.ZonedTime"),
                                "\"10:15:30.123456Z\""))
                .isEqualTo("10:15:30.123456Z");
    }

    @Test
    void aSchemaIsResolvedOnceAndThePayloadMayComeFirst() throws Exception {
        DebeziumEnvelopeDecoder decoder = decoder(BaseType.DATETIME);
        String column = logical("int64", "io.debezium.time.MicroTimestamp");
        for (int i = 0; i < 3; i++) {
            decoder.decode(envelope(column, "1714557600123456"));
        }
        assertThat(decoder.schemas().resolvedCount()).isEqualTo(1);
        String wrapped = new String(envelope(column, "1"), StandardCharsets.UTF_8);
        int payload = wrapped.indexOf(",\"payload\":");
        String reordered =
                "{"
                        + wrapped.substring(payload + 1, wrapped.length() - 1)
                        + ","
                        + wrapped.substring(1, payload)
                        + "}";
        assertThat(
                        decoder.decode(reordered.getBytes(StandardCharsets.UTF_8))
                                .orElseThrow()
                                .getField(1))
                .isEqualTo(Instant.parse("1970-01-01T00:00:00.000001Z"));
        assertThat(decoder.schemas().resolvedCount()).isEqualTo(1);
    }

    @Test
    void withoutASchemaAVariableScaleDecimalStillDecodes() throws Exception {
        String row =
                "{\"op\":\"c\",\"after\":{\"id\":1,\"v\":{\"scale\":2,\"value\":\"BNI=\"},"
                        + TS
                        + "}}";
        assertThat(
                        decoder(BaseType.FLOAT)
                                .decode(row.getBytes(StandardCharsets.UTF_8))
                                .orElseThrow()
                                .getField(1))
                .isEqualTo(12.34);
    }
}
