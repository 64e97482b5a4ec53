package io.thyme.polling.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.polling.PolledRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollingSplitStateTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

    private static PolledRecord row(long identity, Instant cursor) {
        return PolledRecord.row(null, cursor, identity);
    }

    @Test
    void recognisesReReadRowsAndAdvancesTheHighWaterMark() {
        PollingSplitState state = new PollingSplitState(PollingSplit.initial(0, 1));
        assertThat(state.wasEmitted(row(1, T))).isFalse();
        state.markEmitted(row(1, T));
        state.markEmitted(row(2, T.plusSeconds(10)));
        state.markEmitted(row(3, T.plusSeconds(5)));
        assertThat(state.wasEmitted(row(1, T))).isTrue();
        assertThat(state.highWaterMark()).isEqualTo(T.plusSeconds(10));
        assertThat(state.takeNewRowsInPoll()).isEqualTo(3);
        assertThat(state.takeNewRowsInPoll()).isZero();
    }

    @Test
    void forgetsRowsThatLeftTheOverlapWindowAndSurvivesACheckpoint() {
        PollingSplitState state = new PollingSplitState(PollingSplit.initial(0, 1));
        state.markEmitted(row(1, T));
        state.markEmitted(row(2, T.plusSeconds(240)));
        state.markEmitted(row(3, T.plusSeconds(400)));
        state.forgetBefore(Duration.ofMinutes(5));
        assertThat(state.emittedInWindow()).isEqualTo(2);

        PollingSplitState restored = new PollingSplitState(state.toSplit());
        assertThat(restored.wasEmitted(row(2, T.plusSeconds(240)))).isTrue();
        assertThat(restored.wasEmitted(row(1, T))).isFalse();
        assertThat(restored.highWaterMark()).isEqualTo(T.plusSeconds(400));
    }
}
