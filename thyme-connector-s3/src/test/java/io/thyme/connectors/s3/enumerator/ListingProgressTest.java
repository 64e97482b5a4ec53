package io.thyme.connectors.s3.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingProgressTest {
    private static final Duration LATENESS = Duration.ofMinutes(5);
    private static final long HOUR = 3_600_000L;

    @Test
    void noWatermarkUntilAWholeListingIsRead() {
        ListingProgress progress = ListingProgress.initial().planned(List.of("a", "b", "c"));
        progress = progress.finished(0, "a", 30 * HOUR).finished(0, "b", 10 * HOUR);
        assertThat(progress.watermark(LATENESS)).isEqualTo(Long.MIN_VALUE);
        assertThat(progress.unread()).isEqualTo(1);
        progress = progress.finished(0, "c", 20 * HOUR);
        assertThat(progress.watermark(LATENESS)).isEqualTo(30 * HOUR - LATENESS.toMillis() - 1);
        assertThat(progress.open()).isEmpty();
    }

    @Test
    void aLaterListingReadFirstWaitsForTheEarlierOne() {
        ListingProgress progress =
                ListingProgress.initial().planned(List.of("a")).planned(List.of("b"));
        progress = progress.finished(1, "b", 50 * HOUR);
        assertThat(progress.watermark(LATENESS)).isEqualTo(Long.MIN_VALUE);
        progress = progress.finished(0, "a", 5 * HOUR);
        assertThat(progress.watermark(LATENESS)).isEqualTo(50 * HOUR - LATENESS.toMillis() - 1);
    }

    @Test
    void anObjectReportedTwiceCountsOnce() {
        ListingProgress progress = ListingProgress.initial().planned(List.of("a", "b"));
        progress = progress.finished(0, "a", HOUR).finished(0, "a", HOUR);
        assertThat(progress.watermark(LATENESS)).isEqualTo(Long.MIN_VALUE);
        assertThat(progress.unread()).isEqualTo(1);
    }

    @Test
    void untrackedReportsAndEmptyListingsChangeNothing() {
        ListingProgress progress = ListingProgress.initial().planned(List.of()).planned(List.of());
        assertThat(progress.nextListing()).isEqualTo(2);
        assertThat(progress.open()).isEmpty();
        ListingProgress before = progress.copy();
        progress.finished(-1, "old", 99 * HOUR).finished(0, "never-planned", 99 * HOUR);
        assertThat(progress).isEqualTo(before);
        assertThat(progress.watermark(LATENESS)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aListingWithoutEventsKeepsTheWatermarkWhereItWas() {
        ListingProgress progress =
                ListingProgress.initial()
                        .planned(List.of("a"))
                        .finished(0, "a", 7 * HOUR)
                        .planned(List.of("b"))
                        .finished(1, "b", ListingProgress.NO_EVENT_TIME);
        assertThat(progress.watermark(LATENESS)).isEqualTo(7 * HOUR - LATENESS.toMillis() - 1);
    }

    @Test
    void aCheckpointCopyDoesNotChangeWithTheProgress() {
        ListingProgress progress = ListingProgress.initial().planned(List.of("a", "b"));
        ListingProgress checkpoint = progress.copy();
        progress.finished(0, "a", HOUR).finished(0, "b", 2 * HOUR);
        assertThat(checkpoint.unread()).isEqualTo(2);
        assertThat(checkpoint.watermark(LATENESS)).isEqualTo(Long.MIN_VALUE);
        assertThat(progress.watermark(LATENESS)).isEqualTo(2 * HOUR - LATENESS.toMillis() - 1);
    }

    @Test
    void reportsOfAHundredThousandObjectsCostNoCopyEach() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add("object-" + i);
        }
        ListingProgress progress = ListingProgress.initial().planned(ids);
        for (int i = 0; i < ids.size(); i++) {
            progress.finished(0, ids.get(i), i);
        }
        // copying the listing per report, as an immutable record did, would take minutes here
        assertThat(progress.open()).isEmpty();
        assertThat(progress.readMaxEventTimeMillis()).isEqualTo(99_999);
    }
}
