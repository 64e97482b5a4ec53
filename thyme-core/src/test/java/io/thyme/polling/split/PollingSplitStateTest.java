package io.thyme.polling.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.polling.PolledRecord;
import io.thyme.polling.position.CursorWindowPosition;
import io.thyme.polling.position.SnapshotPosition;
import io.thyme.polling.position.SnapshotPosition.Interrupted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollingSplitStateTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static PolledRecord row(long identity, Instant cursor) {
        return PolledRecord.row(null, cursor, identity);
    }

    private static PolledRecord version(Instant cursor, long xid, String ctid) {
        return PolledRecord.snapshotRow(null, cursor, xid, ctid);
    }

    private static CursorWindowPosition window(PollingSplitState state) {
        return (CursorWindowPosition) state.toSplit().position();
    }

    @Test
    void aCursorWindowRecognisesReReadRowsAndAdvancesTheHighWaterMark() {
        PollingSplitState state = new PollingSplitState(PollingSplit.initial(0, 1), FIVE_MINUTES);
        assertThat(state.isNew(row(1, T))).isTrue();
        state.markEmitted(row(1, T));
        state.markEmitted(row(2, T.plusSeconds(10)));
        state.markEmitted(row(3, T.plusSeconds(5)));
        assertThat(state.isNew(row(1, T))).isFalse();
        assertThat(state.newestCursor()).isEqualTo(T.plusSeconds(10));
        assertThat(state.takeNewRowsInPoll()).isEqualTo(3);
        assertThat(state.takeNewRowsInPoll()).isZero();
    }

    @Test
    void aCursorWindowForgetsRowsThatLeftTheOverlapAndSurvivesACheckpoint() {
        PollingSplitState state = new PollingSplitState(PollingSplit.initial(0, 1), FIVE_MINUTES);
        state.markEmitted(row(1, T));
        state.markEmitted(row(2, T.plusSeconds(240)));
        state.markEmitted(row(3, T.plusSeconds(400)));
        state.pollEnded(CursorWindowPosition.EMPTY);
        assertThat(window(state).emitted()).hasSize(2);

        PollingSplitState restored = new PollingSplitState(state.toSplit(), FIVE_MINUTES);
        assertThat(restored.isNew(row(2, T.plusSeconds(240)))).isFalse();
        assertThat(restored.isNew(row(1, T))).isTrue();
        assertThat(restored.newestCursor()).isEqualTo(T.plusSeconds(400));
    }

    @Test
    void aSnapshotPollCheckpointedMidwayRecordsItsLastRowAndTheTransactionsItSaw() {
        PollingSplitState state = new PollingSplitState(PollingSplit.initial(0, 1), FIVE_MINUTES);
        state.snapshotTaken(100, 110);
        state.markEmitted(version(T, 95, "(0,1)"));
        state.markEmitted(version(T, 103, "(0,2)"));
        state.markEmitted(version(T.plusSeconds(1), 103, "(0,3)"));

        SnapshotPosition checkpoint = (SnapshotPosition) state.toSplit().position();
        assertThat(checkpoint.hasSnapshot()).isFalse();
        assertThat(checkpoint.interrupted())
                .containsExactly(
                        new Interrupted(100, 110, T.plusSeconds(1), 103, "(0,3)", List.of(103L)));
    }

    @Test
    void aSnapshotPollThatEmittedNothingLeavesThePositionAsItWas() {
        PollingSplitState state = new PollingSplitState(PollingSplit.initial(0, 1), FIVE_MINUTES);
        state.snapshotTaken(100, 110);
        assertThat(state.toSplit().position()).isEqualTo(SnapshotPosition.first(null));
    }

    @Test
    void aSnapshotPollOpenedAgainAfterAFailureKeepsWhatTheFirstAttemptEmitted() {
        PollingSplitState state = new PollingSplitState(PollingSplit.initial(0, 1), FIVE_MINUTES);
        state.snapshotTaken(100, 110);
        state.markEmitted(version(T, 104, "(0,1)"));
        state.snapshotTaken(100, 120);
        state.markEmitted(version(T.plusSeconds(2), 112, "(0,9)"));

        SnapshotPosition checkpoint = (SnapshotPosition) state.toSplit().position();
        assertThat(checkpoint.interrupted())
                .extracting(Interrupted::xmax)
                .containsExactly(110L, 120L);
    }

    @Test
    void theEndOfASnapshotPollReplacesThePosition() {
        PollingSplitState state = new PollingSplitState(PollingSplit.initial(0, 1), FIVE_MINUTES);
        SnapshotPosition end =
                new SnapshotPosition(true, 100, 110, List.of(104L), T, List.of(), 0, List.of());
        state.snapshotTaken(100, 110);
        state.markEmitted(version(T, 104, "(0,1)"));
        state.pollEnded(end);
        assertThat(state.toSplit().position()).isEqualTo(end);
        assertThat(state.newestCursor()).isEqualTo(T);
    }
}
