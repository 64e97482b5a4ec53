package io.thyme.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.FieldType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

class JsonEventEncoderTest {
    static final DatasetSpec TRANSACTION =
            new DatasetSpec(
                    "Transaction",
                    true,
                    List.of(
                            new FieldSpec(
                                    "user_id", new FieldType(BaseType.STR, false), true, false),
                            new FieldSpec(
                                    "amount", new FieldType(BaseType.FLOAT, false), false, false),
                            new FieldSpec(
                                    "ts", new FieldType(BaseType.DATETIME, false), false, true),
                            new FieldSpec("day", new FieldType(BaseType.DATE, true), false, false),
                            new FieldSpec("n", new FieldType(BaseType.INT, true), false, false),
                            new FieldSpec(
                                    "ok", new FieldType(BaseType.BOOL, false), false, false)));

    private final JsonEventEncoder encoder = new JsonEventEncoder(new EventSchema(TRANSACTION));

    @Test
    void writesTheDocumentedWireFormat() {
        Row event =
                Row.of(
                        "u1",
                        12.5,
                        Instant.parse("2024-05-01T12:00:00.1234567Z"),
                        LocalDate.of(2024, 5, 1),
                        null,
                        true);
        assertThat(new String(encoder.value(event), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"user_id\":\"u1\",\"amount\":12.5,\"ts\":\"2024-05-01T12:00:00.123456Z\","
                                + "\"day\":\"2024-05-01\",\"n\":null,\"ok\":true}");
        assertThat(new String(encoder.key(event), StandardCharsets.UTF_8))
                .isEqualTo("{\"user_id\":\"u1\"}");
    }

    @Test
    void keylessDatasetsHaveNoKey() {
        DatasetSpec keyless =
                new DatasetSpec(
                        "Click",
                        false,
                        List.of(
                                new FieldSpec(
                                        "ts",
                                        new FieldType(BaseType.DATETIME, false),
                                        false,
                                        true)));
        JsonEventEncoder keylessEncoder = new JsonEventEncoder(new EventSchema(keyless));
        assertThat(keylessEncoder.key(Row.of(Instant.EPOCH))).isNull();
        assertThat(new String(keylessEncoder.value(Row.of(Instant.EPOCH)), StandardCharsets.UTF_8))
                .isEqualTo("{\"ts\":\"1970-01-01T00:00:00.000000Z\"}");
    }

    @Test
    void whatItWritesDecodesBackToTheSameEvent() throws Exception {
        Row event =
                Row.of(
                        "u\"2",
                        -0.25,
                        Instant.parse("2024-05-01T12:00:00.000001Z"),
                        null,
                        7L,
                        false);
        Row back = new JsonRowDecoder(new EventSchema(TRANSACTION)).decode(encoder.value(event));
        assertThat(back).isEqualTo(event);
    }
}
