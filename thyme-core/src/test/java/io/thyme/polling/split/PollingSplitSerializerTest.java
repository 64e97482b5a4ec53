package io.thyme.polling.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.polling.enumerator.PollingEnumState;
import io.thyme.polling.enumerator.PollingEnumStateSerializer;
import io.thyme.polling.position.SnapshotPosition;
import io.thyme.polling.position.SnapshotPosition.Interrupted;
import io.thyme.polling.position.SnapshotPosition.Mark;
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

    /** The snapshot split whose version-2 bytes are frozen in polling-split-v2-snapshot.bin. */
    static PollingSplit frozenSnapshotSplit() {
        return new PollingSplit(
                0,
                2,
                new SnapshotPosition(
                        true,
                        4_294_967_300L,
                        4_294_967_310L,
                        List.of(4_294_967_302L),
                        Instant.parse("2024-05-01T10:05:00Z"),
                        List.of(
                                new Mark(
                                        1_714_557_900_000_000L,
                                        Instant.parse("2024-05-01T10:04:00Z"))),
                        1_714_557_890_000_000L,
                        List.of(
                                new Interrupted(
                                        4_294_967_301L,
                                        4_294_967_320L,
                                        "k-\u00e9",
                                        4_294_967_305L,
                                        "(12,3)",
                                        List.of(4_294_967_305L)))));
    }

    @Test
    void readsFrozenVersionTwoBytes() throws IOException {
        assertThat(
                        PollingSplitSerializer.INSTANCE.deserialize(
                                2, resource("polling-split-v2-window.bin")))
                .isEqualTo(frozenSplit());
        assertThat(
                        PollingSplitSerializer.INSTANCE.deserialize(
                                2, resource("polling-split-v2-snapshot.bin")))
                .isEqualTo(frozenSnapshotSplit());
    }

    @Test
    void writesTheCurrentVersionAsFrozen() throws IOException {
        assertThat(PollingSplitSerializer.INSTANCE.getVersion()).isEqualTo(2);
        assertThat(PollingSplitSerializer.INSTANCE.serialize(frozenSplit()))
                .isEqualTo(resource("polling-split-v2-window.bin"));
        assertThat(PollingSplitSerializer.INSTANCE.serialize(frozenSnapshotSplit()))
                .isEqualTo(resource("polling-split-v2-snapshot.bin"));
    }

    @Test
    void roundTripsACursorLongerThanWriteUtfAllows() throws IOException {
        String longCursor = "x".repeat(70_000);
        PollingSplit split = new PollingSplit(0, 1, longCursor, Map.of(1L, longCursor));
        assertThat(
                        PollingSplitSerializer.INSTANCE.deserialize(
                                2, PollingSplitSerializer.INSTANCE.serialize(split)))
                .isEqualTo(split);
    }

    @Test
    void roundTripsEveryCursorType() throws IOException {
        for (Object cursor : List.of(Instant.EPOCH, 17L, LocalDate.of(2024, 2, 29), "k-0042")) {
            PollingSplit split = new PollingSplit(0, 1, cursor, Map.of(1L, cursor));
            byte[] bytes = PollingSplitSerializer.INSTANCE.serialize(split);
            assertThat(PollingSplitSerializer.INSTANCE.deserialize(2, bytes)).isEqualTo(split);
        }
        PollingSplit fresh = PollingSplit.initial(2, 3);
        assertThat(
                        PollingSplitSerializer.INSTANCE.deserialize(
                                2, PollingSplitSerializer.INSTANCE.serialize(fresh)))
                .isEqualTo(fresh);
    }

    @Test
    void refusesVersionsFromTheFutureWithAClearMessage() {
        assertThatThrownBy(() -> PollingSplitSerializer.INSTANCE.deserialize(3, new byte[0]))
                .hasMessageContaining("version 3, this build reads up to 2");
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
