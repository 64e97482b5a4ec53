package io.thyme.polling.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.polling.split.PollingSplit;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class PollingSplitEnumeratorTest {

    private static List<String> assigned(
            MockSplitEnumeratorContext<PollingSplit> context, int reader) {
        List<String> ids = new ArrayList<>();
        for (SplitsAssignment<PollingSplit> assignment : context.getSplitsAssignmentSequence()) {
            assignment
                    .assignment()
                    .getOrDefault(reader, List.of())
                    .forEach(s -> ids.add(s.splitId()));
        }
        return ids;
    }

    @Test
    void createsOneSplitPerBucketOnceAndHandsThemToTheirReaders() throws Exception {
        try (MockSplitEnumeratorContext<PollingSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            PollingSplitEnumerator enumerator =
                    new PollingSplitEnumerator(context, 0, new PollingEnumState(false, List.of()));
            context.registerReader(new ReaderInfo(0, "host"));
            enumerator.start();
            assertThat(assigned(context, 0)).containsExactly("bucket-0-of-2");
            assertThat(enumerator.snapshotState(1).unassigned())
                    .extracting(PollingSplit::splitId)
                    .containsExactly("bucket-1-of-2");

            context.registerReader(new ReaderInfo(1, "host"));
            enumerator.addReader(1);
            assertThat(assigned(context, 1)).containsExactly("bucket-1-of-2");
            assertThat(enumerator.snapshotState(2))
                    .isEqualTo(new PollingEnumState(true, List.of()));
        }
    }

    @Test
    void handsOutSplitsOfAFailedReaderAgainWithTheirPosition() throws Exception {
        try (MockSplitEnumeratorContext<PollingSplit> context =
                new MockSplitEnumeratorContext<>(1)) {
            PollingSplitEnumerator enumerator =
                    new PollingSplitEnumerator(context, 3, new PollingEnumState(false, List.of()));
            context.registerReader(new ReaderInfo(0, "host"));
            enumerator.start();
            assertThat(assigned(context, 0)).hasSize(3);

            context.unregisterReader(0);
            PollingSplit advanced = new PollingSplit(1, 3, 42L, java.util.Map.of(7L, 42L));
            enumerator.addSplitsBack(List.of(advanced), 0);
            assertThat(enumerator.snapshotState(1).unassigned()).containsExactly(advanced);

            context.registerReader(new ReaderInfo(0, "host"));
            enumerator.addReader(0);
            List<SplitsAssignment<PollingSplit>> sequence = context.getSplitsAssignmentSequence();
            assertThat(sequence.get(sequence.size() - 1).assignment().get(0))
                    .containsExactly(advanced);
        }
    }

    @Test
    void aRestoredEnumeratorDoesNotCreateSplitsAgain() throws Exception {
        try (MockSplitEnumeratorContext<PollingSplit> context =
                new MockSplitEnumeratorContext<>(1)) {
            PollingSplitEnumerator enumerator =
                    new PollingSplitEnumerator(context, 0, new PollingEnumState(true, List.of()));
            context.registerReader(new ReaderInfo(0, "host"));
            enumerator.start();
            assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        }
    }
}
