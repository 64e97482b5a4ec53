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
import java.util.List;
import java.util.Optional;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

class DebeziumEnvelopeDecoderTest {
    private static final DatasetSpec USER =
            new DatasetSpec(
                    "User",
                    true,
                    List.of(
                            new FieldSpec("id", new FieldType(BaseType.INT, false), true, false),
                            new FieldSpec("name", new FieldType(BaseType.STR, false), false, false),
                            new FieldSpec(
                                    "ts", new FieldType(BaseType.DATETIME, false), false, true)));

    private final DebeziumEnvelopeDecoder decoder =
            new DebeziumEnvelopeDecoder(new JsonRowDecoder(new EventSchema(USER)));

    private static final String ANN = "{\"id\":1,\"name\":\"ann\",\"ts\":\"2024-05-01T10:00:00Z\"}";
    private static final String BOB = "{\"id\":1,\"name\":\"bob\",\"ts\":\"2024-05-01T10:05:00Z\"}";

    private Optional<Row> decode(String json) throws Exception {
        return decoder.decode(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsCreateSnapshotUpdateAndDelete() throws Exception {
        Row created =
                decode("{\"op\":\"c\",\"before\":null,\"after\":" + ANN + ",\"ts_ms\":1}")
                        .orElseThrow();
        assertThat(created.getKind()).isEqualTo(RowKind.INSERT);
        assertThat(created.getField(1)).isEqualTo("ann");
        assertThat(decode("{\"op\":\"r\",\"after\":" + ANN + "}").orElseThrow().getKind())
                .isEqualTo(RowKind.INSERT);
        Row updated =
                decode("{\"op\":\"u\",\"before\":" + ANN + ",\"after\":" + BOB + "}").orElseThrow();
        assertThat(updated.getKind()).isEqualTo(RowKind.UPDATE_AFTER);
        assertThat(updated.getField(1)).isEqualTo("bob");
        Row deleted = decode("{\"op\":\"d\",\"before\":" + BOB + ",\"after\":null}").orElseThrow();
        assertThat(deleted.getKind()).isEqualTo(RowKind.DELETE);
        assertThat(deleted.getField(0)).isEqualTo(1L);
        assertThat(deleted.getField(2)).isEqualTo(Instant.parse("2024-05-01T10:05:00Z"));
    }

    @Test
    void unwrapsTheSchemaAndPayloadWrapper() throws Exception {
        Row row =
                decode(
                                "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"op\":\"c\",\"after\":"
                                        + ANN
                                        + "}}")
                        .orElseThrow();
        assertThat(row.getField(1)).isEqualTo("ann");
    }

    @Test
    void skipsTombstones() throws Exception {
        assertThat(decode(null)).isEmpty();
        assertThat(decode("{\"schema\":{},\"payload\":null}")).isEmpty();
    }

    @Test
    void refusesBrokenEnvelopesWithTheReason() {
        assertThatThrownBy(() -> decode("nope"))
                .hasMessage("not a Debezium envelope: not valid JSON");
        assertThatThrownBy(() -> decode("{\"after\":" + ANN + "}"))
                .hasMessageStartingWith("Debezium envelope has op ''; expected c, r, u or d");
        assertThatThrownBy(() -> decode("{\"op\":\"d\",\"before\":null}"))
                .hasMessageContaining("op 'd' has no 'before' image; set REPLICA IDENTITY FULL");
        assertThatThrownBy(() -> decode("{\"op\":\"u\",\"after\":{\"id\":\"x\"}}"))
                .hasMessageContaining(
                        "'after' image: field 'id': expected an integer, found \"x\"");
    }
}
