package io.thyme.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.connectors.s3.enumerator.S3EnumState;
import io.thyme.connectors.s3.enumerator.S3EnumStateSerializer;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.connectors.s3.split.S3ObjectSplitSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frozen version-1 bytes of the S3 split and enumerator state keep old savepoints readable. */
class S3SerializersTest {

    static S3ObjectSplit frozenSplit() {
        return S3ObjectSplit.of(
                        "events/2024/05/01/a.jsonl.gz",
                        1_714_557_600_000L,
                        4096,
                        Instant.parse("2024-05-01T09:55:00Z"))
                .at(17, Instant.parse("2024-05-01T10:00:01.5Z"));
    }

    static S3EnumState frozenState() {
        return new S3EnumState(
                1_714_557_600_000L,
                1_714_557_000_000L,
                Map.of("events/2024/05/01/a.jsonl.gz", 1_714_557_600_000L),
                Instant.parse("2024-05-01T10:00:01.5Z"),
                List.of(frozenSplit(), S3ObjectSplit.of("events/b.jsonl", 1L, 2L, null)));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = S3SerializersTest.class.getResourceAsStream("/serializer/" + name)) {
            assertThat(in).as("frozen bytes %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void splitsReadAndWriteTheFrozenVersionOneBytes() throws IOException {
        byte[] frozen = resource("s3-split-v1.bin");
        assertThat(S3ObjectSplitSerializer.INSTANCE.deserialize(1, frozen))
                .isEqualTo(frozenSplit());
        assertThat(S3ObjectSplitSerializer.INSTANCE.serialize(frozenSplit())).isEqualTo(frozen);
    }

    @Test
    void enumeratorStateReadsAndWritesTheFrozenVersionOneBytes() throws IOException {
        byte[] frozen = resource("s3-enum-state-v1.bin");
        S3EnumStateSerializer serializer = new S3EnumStateSerializer();
        assertThat(serializer.deserialize(1, frozen)).isEqualTo(frozenState());
        assertThat(serializer.serialize(frozenState())).isEqualTo(frozen);
    }
}
