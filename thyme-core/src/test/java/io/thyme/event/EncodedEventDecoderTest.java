package io.thyme.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/**
 * An append-mode JSON record becomes the bytes the row's way gives (decoder, then encoder), whether
 * the transcoder takes it or the decoder reads it; a bad record gets the decoder's message.
 */
class EncodedEventDecoderTest {
    private static final EventSchema SCHEMA = new EventSchema(JsonRowDecoderTest.EVERY_TYPE);

    private final EncodedEventDecoder decoder = new EncodedEventDecoder(SCHEMA);
    private final JsonRowDecoder rows = new JsonRowDecoder(SCHEMA);
    private final JsonEventEncoder encoder = new JsonEventEncoder(SCHEMA);

    private void assertSameAsTheRowsWay(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        EncodedEvent event = decoder.decode(bytes);
        Row row = rows.decode(bytes);
        JsonEventEncoder.KeyAndValue expected = encoder.keyAndValue(row);
        assertThat(new String(event.value, StandardCharsets.UTF_8))
                .as(json)
                .isEqualTo(new String(expected.value(), StandardCharsets.UTF_8));
        assertThat(event.key).as(json).isEqualTo(expected.key());
        assertThat(event.eventTimeMillis).as(json).isEqualTo(SCHEMA.eventTimeMillis(row));
    }

    @Test
    void commonAndUncommonRecordsGiveTheRowsWayBytes() throws Exception {
        String required = JsonRowDecoderTest.REQUIRED;
        for (String json :
                List.of(
                        "{" + required + "}", // transcoded
                        "{" + required + ",\"os\":\"caf\u00e9\"}", // non-ASCII: decoded
                        "{" + required + ",\"os\":\"a\\\"quote\\n\"}", // escapes: decoded
                        "{" + required + ",\"nested\":{\"x\":[1,2]}}", // undeclared nested
                        "{\"os\":null,\"ts\":\"2024-05-01T12:00:00.123456789+02:00\","
                                + required.replace("\"ts\":\"2024-05-01T12:00:00Z\",", "")
                                + "}", // another order, a zone, nanoseconds
                        "{" + required.replace("\"f\":1.5", "\"f\":1.50e0") + ",\"oi\":-0}")) {
            assertSameAsTheRowsWay(json);
        }
    }

    @Test
    void aBadRecordGetsTheDecodersMessage() {
        for (String json :
                List.of(
                        "{" + JsonRowDecoderTest.REQUIRED.replace("42", "\"x\"") + "}",
                        "{\"s\":\"a\"}",
                        "not json",
                        "[1,2]")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            RowDecodeException ours =
                    catchThrowableOfType(() -> decoder.decode(bytes), RowDecodeException.class);
            RowDecodeException theirs =
                    catchThrowableOfType(() -> rows.decode(bytes), RowDecodeException.class);
            assertThat(ours).as(json).isNotNull();
            assertThat(ours.getMessage()).as(json).isEqualTo(theirs.getMessage());
        }
    }
}
