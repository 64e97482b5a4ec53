package io.thyme.connectors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.connectors.iceberg.enumerator.IcebergEnumState;
import io.thyme.connectors.iceberg.enumerator.IcebergEnumStateSerializer;
import io.thyme.connectors.iceberg.enumerator.IcebergPosition;
import io.thyme.connectors.iceberg.split.IcebergDataFile;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.connectors.iceberg.split.IcebergFileSplitSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Savepoints of the Iceberg source must restore after upgrades: the bytes of every version are
 * frozen under src/test/resources/serializer/ and must keep reading back to the same split and
 * state (version 1 splits without their event time, which reads as unknown).
 */
class IcebergSerializersTest {
    private static final IcebergDataFile A =
            new IcebergDataFile("file:/w/events/tx/data/a.parquet", "PARQUET", 100, 4096);
    private static final IcebergDataFile B =
            new IcebergDataFile("s3://bucket/w/events/tx/data/b.avro", "AVRO", 7, 512);

    static IcebergFileSplit frozenSplit() {
        return IcebergFileSplit.change(
                        12,
                        8_123_456_789L,
                        List.of(A),
                        List.of(B),
                        IcebergFileSplit.UNKNOWN_EVENT_TIME)
                .at(42);
    }

    static IcebergEnumState frozenState() {
        return new IcebergEnumState(
                new IcebergPosition(8_123_456_789L, 13, 1_714_557_664_000_000L),
                List.of(
                        IcebergFileSplit.append(11, 77L, A, IcebergFileSplit.UNKNOWN_EVENT_TIME),
                        frozenSplit()));
    }

    /** The split whose version-2 bytes are frozen in iceberg-split-v2.bin. */
    static IcebergFileSplit frozenSplitV2() {
        return IcebergFileSplit.change(
                        12, 8_123_456_789L, List.of(A), List.of(B), 1_714_557_664_123L)
                .at(42);
    }

    static IcebergEnumState frozenStateV2() {
        return new IcebergEnumState(
                new IcebergPosition(8_123_456_789L, 13, 1_714_557_664_000_000L),
                List.of(IcebergFileSplit.append(11, 77L, A, -5L), frozenSplitV2()));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                IcebergSerializersTest.class.getResourceAsStream("/serializer/" + name)) {
            assertThat(in).as("frozen bytes %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void splitsReadTheFrozenVersionOneBytes() throws IOException {
        byte[] frozen = resource("iceberg-split-v1.bin");
        assertThat(IcebergFileSplitSerializer.INSTANCE.deserialize(1, frozen))
                .isEqualTo(frozenSplit());
    }

    @Test
    void enumeratorStateReadsTheFrozenVersionOneBytes() throws IOException {
        byte[] frozen = resource("iceberg-enum-state-v1.bin");
        assertThat(new IcebergEnumStateSerializer().deserialize(1, frozen))
                .isEqualTo(frozenState());
    }

    @Test
    void splitsAndStateReadAndWriteTheFrozenVersionTwoBytes() throws IOException {
        assertThat(IcebergFileSplitSerializer.INSTANCE.getVersion()).isEqualTo(2);
        byte[] split = resource("iceberg-split-v2.bin");
        assertThat(IcebergFileSplitSerializer.INSTANCE.deserialize(2, split))
                .isEqualTo(frozenSplitV2());
        assertThat(IcebergFileSplitSerializer.INSTANCE.serialize(frozenSplitV2())).isEqualTo(split);
        IcebergEnumStateSerializer serializer = new IcebergEnumStateSerializer();
        byte[] state = resource("iceberg-enum-state-v2.bin");
        assertThat(serializer.deserialize(2, state)).isEqualTo(frozenStateV2());
        assertThat(serializer.serialize(frozenStateV2())).isEqualTo(state);
    }

    @Test
    void positionsRoundTripEveryCursorRepresentation() throws IOException {
        IcebergEnumStateSerializer serializer = new IcebergEnumStateSerializer();
        for (Object mark : new Object[] {null, 5L, 19_000, "k-0042"}) {
            IcebergEnumState state =
                    new IcebergEnumState(new IcebergPosition(1, 2, mark), List.of());
            assertThat(serializer.deserialize(2, serializer.serialize(state))).isEqualTo(state);
        }
    }

    @Test
    void refusesUnknownVersionsSayingWhatToDo() {
        assertThatThrownBy(() -> IcebergFileSplitSerializer.INSTANCE.deserialize(3, new byte[0]))
                .hasMessageContaining("version 3 is unknown to this build")
                .hasMessageContaining("restore with the build that wrote the checkpoint");
    }
}
