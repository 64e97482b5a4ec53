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
 * How the enumerator hands out child shards after a restore, when its memory of which reader read
 * which shard is gone (no discovery runs: the state holds the shards).
 */
class KinesisShardEnumeratorTest {

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
}
