package io.thyme.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.connectors.s3.enumerator.ListingProgress;
import io.thyme.connectors.s3.enumerator.S3EnumState;
import io.thyme.connectors.s3.enumerator.S3ObjectPlanner;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which objects a listing plans: each (key, last-modified) once, within the window. */
class S3ObjectPlannerTest {
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final S3ObjectPlanner planner =
            new S3ObjectPlanner("events/", "**.jsonl", WINDOW, Duration.ofMinutes(5));

    private static StoredObject object(String key, long minutes) {
        return new StoredObject(key, T0 + Duration.ofMinutes(minutes).toMillis(), 100);
    }

    private static List<String> keys(S3ObjectPlanner.Listing listing) {
        return listing.splits().stream().map(S3ObjectSplit::key).toList();
    }

    @Test
    void theFirstListingPlansEveryMatchingObjectUnderThePrefix() {
        S3ObjectPlanner.Listing first =
                planner.plan(
                        List.of(
                                object("events/a/1.jsonl", -60),
                                object("events/a/2.jsonl", 0),
                                object("events/a/notes.txt", 0),
                                object("other/3.jsonl", 0),
                                object("events/dir/", 0)),
                        S3EnumState.initial());

        assertThat(keys(first)).containsExactly("events/a/1.jsonl", "events/a/2.jsonl");
        assertThat(first.state().newestMillis()).isEqualTo(T0);
        assertThat(first.state().planned())
                .containsOnlyKeys("events/a/1.jsonl", "events/a/2.jsonl");
    }

    @Test
    void laterListingsPlanNewAndRewrittenObjectsOnce() {
        S3EnumState state =
                planner.plan(List.of(object("events/1.jsonl", 0)), S3EnumState.initial()).state();

        S3ObjectPlanner.Listing second =
                planner.plan(
                        List.of(
                                object("events/1.jsonl", 0),
                                object("events/2.jsonl", 1),
                                object("events/late.jsonl", -10)),
                        state);
        assertThat(keys(second)).containsExactly("events/2.jsonl", "events/late.jsonl");

        S3ObjectPlanner.Listing third =
                planner.plan(
                        List.of(
                                object("events/1.jsonl", 2),
                                object("events/2.jsonl", 1),
                                object("events/late.jsonl", -10)),
                        second.state());
        assertThat(keys(third))
                .as("a rewritten object is read again")
                .containsExactly("events/1.jsonl");
        assertThat(third.skipped()).isEmpty();
    }

    @Test
    void anObjectThatAppearsBehindTheWindowIsReportedNotSilentlyDropped() {
        S3EnumState state =
                planner.plan(List.of(object("events/1.jsonl", 0)), S3EnumState.initial()).state();
        state = planner.plan(List.of(object("events/2.jsonl", 30)), state).state();

        S3ObjectPlanner.Listing listing =
                planner.plan(List.of(object("events/slow-upload.jsonl", 5)), state);

        assertThat(listing.splits()).isEmpty();
        assertThat(listing.skipped())
                .singleElement()
                .asString()
                .contains("events/slow-upload.jsonl")
                .contains("more than PT10M behind the newest object");
    }

    @Test
    void newSplitsSkipRowsBehindTheReportedCursorMinusMaxLateness() {
        S3EnumState reported =
                new S3EnumState(
                        T0,
                        T0 - WINDOW.toMillis(),
                        java.util.Map.of(),
                        Instant.ofEpochMilli(T0),
                        List.of(),
                        ListingProgress.initial());
        S3ObjectPlanner.Listing listing =
                planner.plan(List.of(object("events/next.jsonl", 1)), reported);
        assertThat(listing.splits())
                .singleElement()
                .satisfies(
                        s ->
                                assertThat(s.rowsFrom())
                                        .isEqualTo(
                                                Instant.ofEpochMilli(T0)
                                                        .minus(Duration.ofMinutes(5))));
    }
}
