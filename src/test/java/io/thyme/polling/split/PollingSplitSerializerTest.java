package io.thyme.polling.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.polling.enumerator.PollingEnumState;
import io.thyme.polling.enumerator.PollingEnumStateSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Savepoints taken today must restore after upgrades: the bytes a released version wrote are kept
 * under src/test/resources/serializer/ and must keep deserializing to the same split.
 */
class PollingSplitSerializerTest {

    /** The split whose version-1 bytes are frozen in polling-split-v1.bin. */
    static PollingSplit frozenSplit() {
        Map<Long, Object> emitted = new LinkedHashMap<>();
        emitted.put(42L, Instant.parse("2024-05-01T10:00:00.123456Z"));
        emitted.put(-7L, Instant.parse("2024-05-01T10:04:59Z"));
        return new PollingSplit(1, 4, Instant.parse("2024-05-01T10:05:00Z"), emitted);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                PollingSplitSerializerTest.class.getResourceAsStream("/serializer/" + name)) {
            assertThat(in).as("frozen bytes %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void readsFrozenVersionOneBytes() throws IOException {
        assertThat(PollingSplitSerializer.INSTANCE.deserialize(1, resource("polling-split-v1.bin")))
                .isEqualTo(frozenSplit());
    }

    @Test
    void writesTheCurrentVersionAsFrozen() throws IOException {
        assertThat(PollingSplitSerializer.INSTANCE.getVersion()).isEqualTo(1);
        assertThat(PollingSplitSerializer.INSTANCE.serialize(frozenSplit()))
                .isEqualTo(resource("polling-split-v1.bin"));
    }

    @Test
    void roundTripsEveryCursorType() throws IOException {
        for (Object cursor : List.of(Instant.EPOCH, 17L, LocalDate.of(2024, 2, 29), "k-0042")) {
            PollingSplit split = new PollingSplit(0, 1, cursor, Map.of(1L, cursor));
            byte[] bytes = PollingSplitSerializer.INSTANCE.serialize(split);
            assertThat(PollingSplitSerializer.INSTANCE.deserialize(1, bytes)).isEqualTo(split);
        }
        PollingSplit fresh = PollingSplit.initial(2, 3);
        assertThat(
                        PollingSplitSerializer.INSTANCE.deserialize(
                                1, PollingSplitSerializer.INSTANCE.serialize(fresh)))
                .isEqualTo(fresh);
    }

    @Test
    void refusesVersionsFromTheFutureWithAClearMessage() {
        assertThatThrownBy(() -> PollingSplitSerializer.INSTANCE.deserialize(2, new byte[0]))
                .hasMessageContaining("version 2, this build reads up to 1");
    }

    @Test
    void enumeratorStateRoundTrips() throws IOException {
        PollingEnumStateSerializer serializer = new PollingEnumStateSerializer();
        PollingEnumState state =
                new PollingEnumState(true, List.of(frozenSplit(), PollingSplit.initial(0, 4)));
        PollingEnumState back =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
        assertThat(back).isEqualTo(state);
    }
}
