package io.thyme.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.connectors.s3.enumerator.ListingProgress;
import io.thyme.connectors.s3.enumerator.S3EnumState;
import io.thyme.connectors.s3.enumerator.S3EnumStateSerializer;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.connectors.s3.split.S3ObjectSplitSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Frozen bytes of the S3 split and enumerator state keep old savepoints readable: version 2 is read
 * and written, version 1 (before listings and split watermarks) is still read.
 */
class S3SerializersTest {
    private static final long T = 1_714_557_600_000L;

    /** The split of the version-1 bytes: no listing, no watermark, no event time. */
    static S3ObjectSplit frozenSplitV1() {
        return new S3ObjectSplit(
                "events/2024/05/01/a.jsonl.gz",
                T,
                4096,
                Instant.parse("2024-05-01T09:55:00Z"),
                S3ObjectSplit.UNKNOWN_LISTING,
                S3ObjectSplit.NO_WATERMARK,
                17,
                Instant.parse("2024-05-01T10:00:01.5Z"),
                S3ObjectSplit.NO_EVENT_TIME);
    }

    static S3ObjectSplit frozenSplitV2() {
        return S3ObjectSplit.of(
                        "events/2024/05/01/a.jsonl.gz",
                        T,
                        4096,
                        Instant.parse("2024-05-01T09:55:00Z"),
                        3)
                .withWatermark(T - 300_001)
                .at(17, Instant.parse("2024-05-01T10:00:01.5Z"), T + 1_500);
    }

    static S3EnumState frozenStateV2() {
        TreeMap<Long, ListingProgress.Listing> open = new TreeMap<>();
        open.put(
                3L,
                new ListingProgress.Listing(
                        Set.of(frozenSplitV2().splitId(), "events/b.jsonl@1"), T - 60_000));
        open.put(4L, new ListingProgress.Listing(Set.of("events/c.jsonl@5"), Long.MIN_VALUE));
        return new S3EnumState(
                T,
                T - 600_000,
                Map.of("events/2024/05/01/a.jsonl.gz", T),
                Instant.parse("2024-05-01T10:00:01.5Z"),
                List.of(frozenSplitV2(), S3ObjectSplit.of("events/b.jsonl", 1L, 2L, null, 3)),
                new ListingProgress(5, T - 3_600_000, open));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = S3SerializersTest.class.getResourceAsStream("/serializer/" + name)) {
            assertThat(in).as("frozen bytes %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void splitsReadTheFrozenVersionOneBytes() throws IOException {
        assertThat(S3ObjectSplitSerializer.INSTANCE.deserialize(1, resource("s3-split-v1.bin")))
                .isEqualTo(frozenSplitV1());
    }

    @Test
    void splitsReadAndWriteTheFrozenVersionTwoBytes() throws IOException {
        byte[] frozen = resource("s3-split-v2.bin");
        assertThat(S3ObjectSplitSerializer.INSTANCE.getVersion()).isEqualTo(2);
        assertThat(S3ObjectSplitSerializer.INSTANCE.deserialize(2, frozen))
                .isEqualTo(frozenSplitV2());
        assertThat(S3ObjectSplitSerializer.INSTANCE.serialize(frozenSplitV2())).isEqualTo(frozen);
    }

    @Test
    void aVersionOneEnumeratorStateBecomesOneListingOfItsPendingSplits() throws IOException {
        S3EnumState state =
                new S3EnumStateSerializer().deserialize(1, resource("s3-enum-state-v1.bin"));
        assertThat(state.newestMillis()).isEqualTo(T);
        assertThat(state.cutoffMillis()).isEqualTo(1_714_557_000_000L);
        assertThat(state.planned()).isEqualTo(Map.of("events/2024/05/01/a.jsonl.gz", T));
        assertThat(state.rowCursor()).isEqualTo(Instant.parse("2024-05-01T10:00:01.5Z"));
        assertThat(state.pending())
                .extracting(S3ObjectSplit::key, S3ObjectSplit::listing)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("events/2024/05/01/a.jsonl.gz", 0L),
                        org.assertj.core.groups.Tuple.tuple("events/b.jsonl", 0L));
        assertThat(state.listings().nextListing()).isEqualTo(1);
        assertThat(state.listings().open().get(0L).unread())
                .containsExactlyInAnyOrder("events/2024/05/01/a.jsonl.gz@" + T, "events/b.jsonl@1");
    }

    @Test
    void enumeratorStateReadsAndWritesTheFrozenVersionTwoBytes() throws IOException {
        byte[] frozen = resource("s3-enum-state-v2.bin");
        S3EnumStateSerializer serializer = new S3EnumStateSerializer();
        assertThat(serializer.deserialize(2, frozen)).isEqualTo(frozenStateV2());
        assertThat(serializer.serialize(frozenStateV2())).isEqualTo(frozen);
    }
}
