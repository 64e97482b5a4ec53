package io.thyme.polling.position;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.polling.position.SnapshotPosition.Mark;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotProgressTest {

    @Test
    void finishingKeepsOnlyTransactionsTheNextPollCannotTellApart() {
        SnapshotPosition previous =
                new SnapshotPosition(true, 90, 100, List.of(92L, 97L), 5L, List.of(), 0, List.of());
        SnapshotProgress poll = new SnapshotProgress(previous);
        poll.started(95, 120);
        poll.emitted(10L, 99, "(0,1)");
        poll.emitted(11L, 99, "(0,2)");
        poll.emitted(12L, 118, "(0,3)");
        poll.emitted(13L, 94, "(0,4)");

        SnapshotPosition next = poll.finish(13L, 1_000, 1_000);
        assertThat(next.hasSnapshot()).isTrue();
        assertThat(next.xmin()).isEqualTo(95);
        assertThat(next.xmax()).isEqualTo(120);
        // 92 and 94 are below the new xmin: the snapshot sees them without a list
        assertThat(next.seen()).containsExactlyInAnyOrder(97L, 99L, 118L);
        assertThat(next.newestCursor()).isEqualTo(13L);
        assertThat(next.interrupted()).isEmpty();
    }

    @Test
    void finishingMergesWhatInterruptedAttemptsSaw() {
        SnapshotPosition interrupted =
                SnapshotPosition.first(null)
                        .withInterrupted(
                                List.of(
                                        new SnapshotPosition.Interrupted(
                                                50, 60, 1L, 55, "(0,1)", List.of(55L))));
        SnapshotProgress poll = new SnapshotProgress(interrupted);
        poll.started(52, 70);
        assertThat(poll.finish(1L, 10, 10).seen()).containsExactly(55L);
    }

    @Test
    void aPollWithoutNewerCursorKeepsTheNewestItHad() {
        SnapshotPosition previous =
                new SnapshotPosition(true, 1, 2, List.of(), "m", List.of(), 0, List.of());
        SnapshotProgress poll = new SnapshotProgress(previous);
        poll.started(2, 3);
        assertThat(poll.finish(null, 5, 5).newestCursor()).isEqualTo("m");
    }

    @Test
    void marksBeforeTheOldestOpenTransactionAreDroppedButTheLastOfThemStays() {
        List<Mark> marks = List.of(new Mark(10, 1L), new Mark(20, 2L), new Mark(30, 3L));
        assertThat(SnapshotProgress.prune(marks, 25))
                .containsExactly(new Mark(20, 2L), new Mark(30, 3L));
        assertThat(SnapshotProgress.prune(marks, 5)).isEqualTo(marks);
    }

    @Test
    void thinningManyMarksKeepsTheOldestAndTheNewest() {
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            marks.add(new Mark(i, (long) i));
        }
        List<Mark> kept = SnapshotProgress.prune(marks, -1);
        assertThat(kept.size()).isLessThanOrEqualTo(SnapshotProgress.MAX_MARKS);
        assertThat(kept.get(0)).isEqualTo(marks.get(0));
        assertThat(kept.get(kept.size() - 1)).isEqualTo(marks.get(199));
    }
}
