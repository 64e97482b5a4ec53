package io.thyme.connectors.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.connectors.kinesis.enumerator.KinesisEnumState;
import io.thyme.connectors.kinesis.enumerator.KinesisEnumStateSerializer;
import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import io.thyme.connectors.kinesis.split.KinesisShardSplitSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Frozen version-1 bytes of the Kinesis split and enumerator state keep old savepoints readable.
 */
class KinesisSerializersTest {

    static KinesisShardSplit frozenSplit() {
        return new KinesisShardSplit(
                "shardId-000000000002",
                List.of("shardId-000000000000"),
                null,
                "49590338271490256608559692538361571095921575989136588898",
                false);
    }

    static KinesisEnumState frozenState() {
        return new KinesisEnumState(
                true,
                Set.of("shardId-000000000001"),
                Set.of("shardId-000000000000"),
                List.of(
                        frozenSplit(),
                        KinesisShardSplit.discovered(
                                "shardId-000000000003",
                                List.of(),
                                java.time.Instant.parse("2024-05-01T10:00:00Z")),
                        frozenSplit().asFinished()));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                KinesisSerializersTest.class.getResourceAsStream("/serializer/" + name)) {
            assertThat(in).as("frozen bytes %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void splitsReadAndWriteTheFrozenVersionOneBytes() throws IOException {
        byte[] frozen = resource("kinesis-split-v1.bin");
        assertThat(KinesisShardSplitSerializer.INSTANCE.deserialize(1, frozen))
                .isEqualTo(frozenSplit());
        assertThat(KinesisShardSplitSerializer.INSTANCE.serialize(frozenSplit())).isEqualTo(frozen);
    }

    @Test
    void enumeratorStateReadsAndWritesTheFrozenVersionOneBytes() throws IOException {
        byte[] frozen = resource("kinesis-enum-state-v1.bin");
        KinesisEnumStateSerializer serializer = new KinesisEnumStateSerializer();
        assertThat(serializer.deserialize(1, frozen)).isEqualTo(frozenState());
        assertThat(serializer.serialize(frozenState())).isEqualTo(frozen);
    }
}
