package io.thyme.connectors.kinesis.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.connectors.kinesis.InitialPosition;
import io.thyme.connectors.kinesis.ShardFinished;
import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import io.thyme.testing.LocalKinesis;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/**
 * How the enumerator hands out child shards: after a restore, when its memory of which reader read
 * which shard is gone; after a reader's reset (a region failover, which leaves the enumerator as it
 * is); and when a merge's parents ended on two readers. No discovery runs: the state holds the
 * shards.
 */
class KinesisShardEnumeratorTest {
    private static final String P0 = "shardId-000000000000";
    private static final String P1 = "shardId-000000000001";
    private static final String CHILD = "shardId-000000000002";

    private static KinesisShardEnumerator enumerator(
            MockSplitEnumeratorContext<KinesisShardSplit> context,
            Set<String> assigned,
            KinesisShardSplit... waiting) {
        KinesisShardEnumerator enumerator =
                new KinesisShardEnumerator(
                        context,
                        LocalKinesis.connection("unused"),
                        "stream",
                        InitialPosition.parse("trim_horizon").orElseThrow(),
                        new KinesisEnumState(true, assigned, Set.of(), List.of(waiting)));
        for (int r = 0; r < context.currentParallelism(); r++) {
            context.registerReader(new ReaderInfo(r, "host"));
            enumerator.addReader(r);
        }
        return enumerator;
    }

    private static KinesisShardSplit child(String... parents) {
        return KinesisShardSplit.discovered(CHILD, List.of(parents), null);
    }

    private static int assignedInAll(MockSplitEnumeratorContext<KinesisShardSplit> context) {
        return context.getSplitsAssignmentSequence().stream()
                .flatMap(a -> a.assignment().values().stream())
                .mapToInt(List::size)
                .sum();
    }

    private static List<String> assigned(
            MockSplitEnumeratorContext<KinesisShardSplit> context, int reader) {
        List<String> ids = new ArrayList<>();
        for (SplitsAssignment<KinesisShardSplit> assignment :
                context.getSplitsAssignmentSequence()) {
            assignment
                    .assignment()
                    .getOrDefault(reader, List.of())
                    .forEach(s -> ids.add(s.shardId()));
        }
        return ids;
    }

    @Test
    void aRestoredChildGoesToTheReaderThatReadItsParentToTheEnd() throws Exception {
        for (int readerOfParent : new int[] {0, 1, 2}) {
            try (MockSplitEnumeratorContext<KinesisShardSplit> context =
                    new MockSplitEnumeratorContext<>(3)) {
                KinesisShardSplit child =
                        KinesisShardSplit.discovered(
                                "shardId-000000000003", List.of("shardId-000000000000"), null);
                KinesisShardEnumerator enumerator =
                        new KinesisShardEnumerator(
                                context,
                                LocalKinesis.connection("unused"),
                                "stream",
                                InitialPosition.parse("trim_horizon").orElseThrow(),
                                new KinesisEnumState(
                                        true,
                                        Set.of("shardId-000000000000"),
                                        Set.of(),
                                        List.of(child)));
                for (int r = 0; r < 3; r++) {
                    context.registerReader(new ReaderInfo(r, "host"));
                    enumerator.addReader(r);
                }
                assertThat(context.getSplitsAssignmentSequence()).isEmpty();

                enumerator.handleSourceEvent(
                        readerOfParent, new ShardFinished("shardId-000000000000"));

                assertThat(assigned(context, readerOfParent))
                        .containsExactly("shardId-000000000003");
                assertThat(
                                context.getSplitsAssignmentSequence().stream()
                                        .flatMap(a -> a.assignment().values().stream())
                                        .mapToInt(List::size)
                                        .sum())
                        .as("splits assigned in all: the child, once")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aResetReaderReadsItsParentToTheEndAgainBeforeTheChildIsHandedOutAgain() throws Exception {
        try (MockSplitEnumeratorContext<KinesisShardSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            KinesisShardEnumerator enumerator = enumerator(context, Set.of(P0), child(P0));
            enumerator.handleSourceEvent(0, new ShardFinished(P0));
            assertThat(assigned(context, 0)).as("a split's child, at once").containsExactly(CHILD);

            // reader 0 fails before a checkpoint confirms the parent's end: Flink resets it to
            // the last completed checkpoint, where it still reads the parent
            enumerator.addSplitsBack(List.of(child(P0)), 0);
            context.registerReader(new ReaderInfo(0, "host"));
            enumerator.addReader(0);
            assertThat(assignedInAll(context))
                    .as(
                            "the child is not handed out while the reset reader reads the parent's tail")
                    .isEqualTo(1);
            KinesisEnumState state = enumerator.snapshotState(7);
            assertThat(state.assigned()).as("the parent is the reader's again").contains(P0);
            assertThat(state.finished()).doesNotContain(P0);
            assertThat(state.waiting()).extracting(KinesisShardSplit::shardId).contains(CHILD);

            enumerator.handleSourceEvent(0, new ShardFinished(P0));
            assertThat(assigned(context, 0))
                    .as("the child again, once the reader read the parent's end again")
                    .containsExactly(CHILD, CHILD);
        }
    }

    @Test
    void aResetKeepsTheParentsWhoseEndACompletedCheckpointConfirmed() throws Exception {
        try (MockSplitEnumeratorContext<KinesisShardSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            KinesisShardEnumerator enumerator = enumerator(context, Set.of(P0), child(P0));
            enumerator.handleSourceEvent(0, new ShardFinished(P0));
            enumerator.snapshotState(3);
            enumerator.notifyCheckpointComplete(3);

            // the child was assigned before checkpoint 3: nothing comes back
            enumerator.addSplitsBack(List.of(), 0);
            KinesisEnumState state = enumerator.snapshotState(4);
            assertThat(state.finished()).containsExactly(P0);
            assertThat(state.assigned()).doesNotContain(P0);
            assertThat(assignedInAll(context)).isEqualTo(1);
        }
    }

    @Test
    void aMergedChildWaitsForACheckpointAfterItsParentsEndedOnTwoReaders() throws Exception {
        try (MockSplitEnumeratorContext<KinesisShardSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            KinesisShardEnumerator enumerator = enumerator(context, Set.of(P0, P1), child(P0, P1));
            enumerator.handleSourceEvent(0, new ShardFinished(P0));
            enumerator.handleSourceEvent(1, new ShardFinished(P1));
            assertThat(assignedInAll(context))
                    .as("either parent's last records may still be on their way through its reader")
                    .isZero();
            enumerator.snapshotState(5);
            enumerator.notifyCheckpointComplete(4);
            assertThat(assignedInAll(context))
                    .as("an earlier checkpoint confirms nothing")
                    .isZero();

            enumerator.notifyCheckpointComplete(5);
            assertThat(assignedInAll(context)).isEqualTo(1);
            assertThat(assigned(context, 0))
                    .as("both ends confirmed: the reader of the first parent")
                    .containsExactly(CHILD);
        }
    }

    @Test
    void aMergedChildStartsAtOnceOnTheReaderOfTheLastParentWhenTheOtherEndIsConfirmed()
            throws Exception {
        try (MockSplitEnumeratorContext<KinesisShardSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            KinesisShardEnumerator enumerator = enumerator(context, Set.of(P0, P1), child(P0, P1));
            enumerator.handleSourceEvent(0, new ShardFinished(P0));
            enumerator.snapshotState(8);
            enumerator.notifyCheckpointComplete(8);
            assertThat(assignedInAll(context)).isZero();

            enumerator.handleSourceEvent(1, new ShardFinished(P1));
            assertThat(assigned(context, 1)).containsExactly(CHILD);
            assertThat(assignedInAll(context)).isEqualTo(1);
        }
    }

    @Test
    void aFinishHeardAfterASnapshotIsNotConfirmedByThatCheckpoint() throws Exception {
        try (MockSplitEnumeratorContext<KinesisShardSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            KinesisShardEnumerator enumerator = enumerator(context, Set.of(P0, P1), child(P0, P1));
            enumerator.snapshotState(9);
            enumerator.handleSourceEvent(0, new ShardFinished(P0));
            enumerator.handleSourceEvent(1, new ShardFinished(P1));
            enumerator.notifyCheckpointComplete(9);
            assertThat(assignedInAll(context)).isZero();

            // checkpoint 10 is aborted; 11, taken after both ends were heard, completes
            enumerator.snapshotState(10);
            enumerator.snapshotState(11);
            enumerator.notifyCheckpointComplete(11);
            assertThat(assignedInAll(context)).isEqualTo(1);
        }
    }

    @Test
    void aRestoredEnumeratorCountsTheFinishedShardsOfItsCheckpointAsConfirmed() throws Exception {
        try (MockSplitEnumeratorContext<KinesisShardSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            KinesisShardEnumerator enumerator =
                    new KinesisShardEnumerator(
                            context,
                            LocalKinesis.connection("unused"),
                            "stream",
                            InitialPosition.parse("trim_horizon").orElseThrow(),
                            new KinesisEnumState(
                                    true, Set.of(), Set.of(P0, P1), List.of(child(P0, P1))));
            context.registerReader(new ReaderInfo(0, "host"));
            enumerator.addReader(0);
            context.registerReader(new ReaderInfo(1, "host"));
            enumerator.addReader(1);
            assertThat(assignedInAll(context)).isEqualTo(1);
            enumerator.addSplitsBack(List.of(), 0);
            assertThat(enumerator.snapshotState(1).finished()).containsExactlyInAnyOrder(P0, P1);
        }
    }
}
