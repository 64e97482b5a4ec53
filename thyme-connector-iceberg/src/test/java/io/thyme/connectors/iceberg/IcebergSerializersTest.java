package io.thyme.connectors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.connectors.iceberg.enumerator.IcebergEnumState;
import io.thyme.connectors.iceberg.enumerator.IcebergEnumStateSerializer;
import io.thyme.connectors.iceberg.enumerator.IcebergPosition;
import io.thyme.connectors.iceberg.split.IcebergDataFile;
import io.thyme.connectors.iceberg.split.IcebergDeleteFile;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.connectors.iceberg.split.IcebergFileSplitSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Savepoints of the Iceberg source must restore after upgrades: the bytes of every version are
 * frozen under src/test/resources/serializer/ and must keep reading back to the same split and
 * state (version 1 splits without their event time, which reads as unknown; version 2 splits
 * without row-level deletes).
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

    /**
     * A position delete file and an equality delete file on the key, in the JSON Iceberg 1.10.1's
     * ContentFileParser writes.
     */
    private static final IcebergDeleteFile POSITIONS =
            new IcebergDeleteFile(
                    "file:/w/events/tx/data/pos.parquet",
                    "{\"spec-id\":0,\"content\":\"POSITION_DELETES\",\"file-path\":"
                            + "\"file:/w/events/tx/data/pos.parquet\",\"file-format\":\"PARQUET\","
                            + "\"partition\":{},\"file-size-in-bytes\":1024,\"record-count\":2}");

    private static final IcebergDeleteFile KEYS =
            new IcebergDeleteFile(
                    "file:/w/events/tx/data/eq.parquet",
                    "{\"spec-id\":0,\"content\":\"EQUALITY_DELETES\",\"file-path\":"
                            + "\"file:/w/events/tx/data/eq.parquet\",\"file-format\":\"PARQUET\","
                            + "\"partition\":{},\"file-size-in-bytes\":900,\"record-count\":3,"
                            + "\"equality-ids\":[1],\"sort-order-id\":0}");

    /** The split whose version-3 bytes are frozen in iceberg-split-v3.bin. */
    static IcebergFileSplit frozenSplitV3() {
        IcebergDataFile shrunk =
                new IcebergDataFile(
                        A.location(), A.format(), 100, 4096, List.of(KEYS), List.of(POSITIONS));
        IcebergDataFile added =
                new IcebergDataFile(
                        B.location(), B.format(), 7, 512, List.of(POSITIONS), List.of());
        return IcebergFileSplit.rowLevelChange(
                        12,
                        8_123_456_789L,
                        List.of(added),
                        List.of(shrunk),
                        1_714_557_664_123L,
                        List.of(KEYS),
                        1_714_557_700_000L)
                .at(42);
    }

    static IcebergEnumState frozenStateV3() {
        return new IcebergEnumState(
                new IcebergPosition(8_123_456_789L, 13, 1_714_557_664_000_000L),
                List.of(
                        IcebergFileSplit.append(
                                11,
                                77L,
                                new IcebergDataFile(
                                        A.location(),
                                        A.format(),
                                        100,
                                        4096,
                                        List.of(POSITIONS, KEYS),
                                        List.of()),
                                -5L),
                        frozenSplitV3()));
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
    void splitsAndStateReadTheFrozenVersionTwoBytes() throws IOException {
        byte[] split = resource("iceberg-split-v2.bin");
        assertThat(IcebergFileSplitSerializer.INSTANCE.deserialize(2, split))
                .isEqualTo(frozenSplitV2());
        IcebergEnumStateSerializer serializer = new IcebergEnumStateSerializer();
        byte[] state = resource("iceberg-enum-state-v2.bin");
        assertThat(serializer.deserialize(2, state)).isEqualTo(frozenStateV2());
    }

    @Test
    void splitsAndStateReadAndWriteTheFrozenVersionThreeBytes() throws IOException {
        assertThat(IcebergFileSplitSerializer.INSTANCE.getVersion()).isEqualTo(3);
        byte[] split = resource("iceberg-split-v3.bin");
        assertThat(IcebergFileSplitSerializer.INSTANCE.deserialize(3, split))
                .isEqualTo(frozenSplitV3());
        assertThat(IcebergFileSplitSerializer.INSTANCE.serialize(frozenSplitV3())).isEqualTo(split);
        IcebergEnumStateSerializer serializer = new IcebergEnumStateSerializer();
        assertThat(serializer.getVersion()).isEqualTo(3);
        byte[] state = resource("iceberg-enum-state-v3.bin");
        assertThat(serializer.deserialize(3, state)).isEqualTo(frozenStateV3());
        assertThat(serializer.serialize(frozenStateV3())).isEqualTo(state);
    }

    @Test
    void deleteFilesReadBackThroughIcebergsOwnParser() {
        var spec = org.apache.iceberg.PartitionSpec.unpartitioned();
        var keys = KEYS.toDeleteFile(java.util.Map.of(0, spec));
        assertThat(keys.content()).isEqualTo(org.apache.iceberg.FileContent.EQUALITY_DELETES);
        assertThat(keys.equalityFieldIds()).containsExactly(1);
        assertThat(keys.recordCount()).isEqualTo(3);
        assertThat(POSITIONS.toDeleteFile(java.util.Map.of(0, spec)).location())
                .isEqualTo(POSITIONS.location());
    }

    @Test
    void positionsRoundTripEveryCursorRepresentation() throws IOException {
        IcebergEnumStateSerializer serializer = new IcebergEnumStateSerializer();
        for (Object mark : new Object[] {null, 5L, 19_000, "k-0042"}) {
            IcebergEnumState state =
                    new IcebergEnumState(new IcebergPosition(1, 2, mark), List.of());
            assertThat(serializer.deserialize(3, serializer.serialize(state))).isEqualTo(state);
        }
    }

    @Test
    void refusesUnknownVersionsSayingWhatToDo() {
        assertThatThrownBy(() -> IcebergFileSplitSerializer.INSTANCE.deserialize(4, new byte[0]))
                .hasMessageContaining("version 4 is unknown to this build")
                .hasMessageContaining("restore with the build that wrote the checkpoint");
    }
}
