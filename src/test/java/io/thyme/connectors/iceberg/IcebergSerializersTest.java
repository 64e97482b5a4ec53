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
 * Savepoints of the Iceberg source must restore after upgrades: version-1 bytes are frozen under
 * src/test/resources/serializer/ and must keep reading back to the same split and state.
 */
class IcebergSerializersTest {
    private static final IcebergDataFile A =
            new IcebergDataFile("file:/w/events/tx/data/a.parquet", "PARQUET", 100, 4096);
    private static final IcebergDataFile B =
            new IcebergDataFile("s3://bucket/w/events/tx/data/b.avro", "AVRO", 7, 512);

    static IcebergFileSplit frozenSplit() {
        return IcebergFileSplit.change(12, 8_123_456_789L, List.of(A), List.of(B)).at(42);
    }

    static IcebergEnumState frozenState() {
        return new IcebergEnumState(
                new IcebergPosition(8_123_456_789L, 13, 1_714_557_664_000_000L),
                List.of(IcebergFileSplit.append(11, 77L, A), frozenSplit()));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                IcebergSerializersTest.class.getResourceAsStream("/serializer/" + name)) {
            assertThat(in).as("frozen bytes %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void splitsReadAndWriteTheFrozenVersionOneBytes() throws IOException {
        byte[] frozen = resource("iceberg-split-v1.bin");
        assertThat(IcebergFileSplitSerializer.INSTANCE.deserialize(1, frozen))
                .isEqualTo(frozenSplit());
        assertThat(IcebergFileSplitSerializer.INSTANCE.serialize(frozenSplit())).isEqualTo(frozen);
    }

    @Test
    void enumeratorStateReadsAndWritesTheFrozenVersionOneBytes() throws IOException {
        byte[] frozen = resource("iceberg-enum-state-v1.bin");
        IcebergEnumStateSerializer serializer = new IcebergEnumStateSerializer();
        assertThat(serializer.deserialize(1, frozen)).isEqualTo(frozenState());
        assertThat(serializer.serialize(frozenState())).isEqualTo(frozen);
    }

    @Test
    void positionsRoundTripEveryCursorRepresentation() throws IOException {
        IcebergEnumStateSerializer serializer = new IcebergEnumStateSerializer();
        for (Object mark : new Object[] {null, 5L, 19_000, "k-0042"}) {
            IcebergEnumState state =
                    new IcebergEnumState(new IcebergPosition(1, 2, mark), List.of());
            assertThat(serializer.deserialize(1, serializer.serialize(state))).isEqualTo(state);
        }
    }

    @Test
    void refusesUnknownVersionsSayingWhatToDo() {
        assertThatThrownBy(() -> IcebergFileSplitSerializer.INSTANCE.deserialize(2, new byte[0]))
                .hasMessageContaining("version 2 is unknown to this build")
                .hasMessageContaining("restore with the build that wrote the checkpoint");
    }
}
