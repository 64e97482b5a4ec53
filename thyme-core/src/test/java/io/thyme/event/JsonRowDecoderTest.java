package io.thyme.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.FieldType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRowDecoderTest {
    static final DatasetSpec EVERY_TYPE =
            new DatasetSpec(
                    "EveryType",
                    false,
                    List.of(
                            field("s", BaseType.STR, false, true),
                            field("i", BaseType.INT, false, false),
                            field("f", BaseType.FLOAT, false, false),
                            field("b", BaseType.BOOL, false, false),
                            new FieldSpec(
                                    "ts", new FieldType(BaseType.DATETIME, false), false, true),
                            field("d", BaseType.DATE, false, false),
                            field("os", BaseType.STR, true, false),
                            field("oi", BaseType.INT, true, false),
                            field("of", BaseType.FLOAT, true, false),
                            field("ob", BaseType.BOOL, true, false),
                            field("ots", BaseType.DATETIME, true, false),
                            field("od", BaseType.DATE, true, false)));

    private final JsonRowDecoder decoder = new JsonRowDecoder(new EventSchema(EVERY_TYPE));

    static FieldSpec field(String name, BaseType type, boolean optional, boolean key) {
        return new FieldSpec(name, new FieldType(type, optional), key, false);
    }

    private Row decode(String json) throws RowDecodeException {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    static final String REQUIRED =
            "\"s\":\"a\",\"i\":42,\"f\":1.5,\"b\":true,\"ts\":\"2024-05-01T12:00:00Z\","
                    + "\"d\":\"2024-05-01\"";

    static final String REQUIRED_OBJECT = "{" + REQUIRED + "}";

    @Test
    void decodesEveryTypeWithOptionalValuesPresent() throws Exception {
        Row row =
                decode(
                        "{"
                                + REQUIRED
                                + ",\"os\":\"x\",\"oi\":-7,\"of\":2,\"ob\":false,"
                                + "\"ots\":\"2024-05-01T14:00:00+02:00\",\"od\":\"2020-02-29\","
                                + "\"ignored\":{\"nested\":[1,2]}}");
        assertThat(row.getKind()).isEqualTo(RowKind.INSERT);
        assertThat(row.getField(0)).isEqualTo("a");
        assertThat(row.getField(1)).isEqualTo(42L);
        assertThat(row.getField(2)).isEqualTo(1.5);
        assertThat(row.getField(3)).isEqualTo(true);
        assertThat(row.getField(4)).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(row.getField(5)).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(row.getField(6)).isEqualTo("x");
        assertThat(row.getField(7)).isEqualTo(-7L);
        assertThat(row.getField(8)).isEqualTo(2.0);
        assertThat(row.getField(9)).isEqualTo(false);
        assertThat(row.getField(10)).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(row.getField(11)).isEqualTo(LocalDate.of(2020, 2, 29));
    }

    @Test
    void optionalFieldsMayBeNullOrMissing() throws Exception {
        Row row = decode("{" + REQUIRED + ",\"os\":null,\"oi\":null}");
        for (int i = 6; i < 12; i++) {
            assertThat(row.getField(i)).as("field %d", i).isNull();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2024-05-01T12:00:00Z|2024-05-01T12:00:00Z",
                "2024-05-01T12:00:00.123456Z|2024-05-01T12:00:00.123456Z",
                "2024-05-01T14:00:00+02:00|2024-05-01T12:00:00Z",
                "2024-05-01T12:00:00|2024-05-01T12:00:00Z",
                "2024-05-01 12:00:00|2024-05-01T12:00:00Z"
            })
    void readsIsoDatetimes(String text, String expected) throws Exception {
        Row row = decode("{" + REQUIRED.replace("2024-05-01T12:00:00Z", text) + "}");
        assertThat(row.getField(4)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void readsEpochMillisecondDatetimes() throws Exception {
        Row row = decode("{" + REQUIRED.replace("\"2024-05-01T12:00:00Z\"", "1714564800000") + "}");
        assertThat(row.getField(4)).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    }

    @Test
    void readsDatesAsDebeziumEncodesThem() throws Exception {
        Row row = decode("{" + REQUIRED.replace("\"d\":\"2024-05-01\"", "\"d\":19844") + "}");
        assertThat(row.getField(5)).isEqualTo(java.time.LocalDate.parse("2024-05-01"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"s\":\"a\"|\"s\":7|field 's': expected a string, found 7",
                "\"i\":42|\"i\":4.2|field 'i': expected an integer, found 4.2",
                "\"i\":42|\"i\":\"42\"|field 'i': expected an integer, found \"42\"",
                "\"i\":42|\"i\":99999999999999999999|field 'i': 99999999999999999999 does not fit a"
                        + " 64-bit integer",
                "\"f\":1.5|\"f\":\"abc\"|field 'f': expected a number, found \"abc\"",
                "\"b\":true|\"b\":\"yes\"|field 'b': expected true or false, found \"yes\"",
                "\"ts\":\"2024-05-01T12:00:00Z\"|\"ts\":\"yesterday\"|field 'ts': 'yesterday' is"
                        + " not an ISO-8601 date-time",
                "\"ts\":\"2024-05-01T12:00:00Z\"|\"ts\":true|field 'ts': expected an ISO-8601"
                        + " string or epoch milliseconds, found true",
                "\"d\":\"2024-05-01\"|\"d\":\"2024-13-01\"|field 'd': '2024-13-01' is not a date",
                "\"s\":\"a\"|\"s\":{\"x\":1}|field 's': expected a string, found an object",
                "\"i\":42|\"i\":[1]|field 'i': expected an integer, found an array",
                "\"f\":1.5|\"f\":null|field 'f': is null but its type is float; send a value, or"
                        + " declare it Optional[float]",
                "\"s\":\"a\",|| field 's' is missing; send it, or declare it Optional[str]"
            })
    void refusesValuesThatDoNotFit(String from, String to, String expected) {
        String json = "{" + REQUIRED.replace(from, to == null ? "" : to) + "}";
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(RowDecodeException.class)
                .hasMessageContaining(expected.trim());
    }

    @Test
    void namesEveryBadFieldOfARow() {
        assertThatThrownBy(() -> decode("{\"s\":1,\"i\":\"x\"}"))
                .hasMessageContaining("field 's'")
                .hasMessageContaining("field 'i'")
                .hasMessageContaining("field 'ts' is missing");
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> decode("not json")).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> decode("[1,2]"))
                .hasMessage("expected a JSON object, found '[1,2]'");
        assertThatThrownBy(() -> decode("{\"s\":")).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void aReasonQuotesAHugeValueOnlyByItsBeginningAndLength() {
        String huge = "9".repeat(700_000);
        assertThatThrownBy(
                        () ->
                                decode(
                                        "{\"s\":\"a\",\"i\":\""
                                                + huge
                                                + "\",\"f\":1,\"b\":true,\"ts\":\""
                                                + huge
                                                + "\",\"d\":\""
                                                + huge
                                                + "\"}"))
                .hasMessageContaining(
                        "field 'i': expected an integer, found \""
                                + "9".repeat(100)
                                + "... (700000 characters)\"")
                .hasMessageContaining(
                        "field 'ts': '" + "9".repeat(100) + "... (700000 characters)'")
                .hasMessageContaining("field 'd': '" + "9".repeat(100) + "... (700000 characters)'")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_000));
    }
}
