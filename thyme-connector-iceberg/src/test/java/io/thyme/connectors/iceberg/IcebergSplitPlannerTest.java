package io.thyme.connectors.iceberg;

import static io.thyme.testing.LocalIceberg.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.connectors.iceberg.enumerator.IcebergLineageException;
import io.thyme.connectors.iceberg.enumerator.IcebergPlan;
import io.thyme.connectors.iceberg.enumerator.IcebergPosition;
import io.thyme.connectors.iceberg.enumerator.IcebergSplitPlanner;
import io.thyme.connectors.iceberg.split.IcebergDataFile;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.testing.LocalIceberg;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner against real Iceberg tables in a Hadoop catalog on a temporary warehouse. */
class IcebergSplitPlannerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir Path warehouse;
    private Table table;

    @BeforeEach
    void createTable() {
        table =
                LocalIceberg.create(
                        LocalIceberg.hadoopCatalog("test", warehouse),
                        "events",
                        "transactions",
                        LocalIceberg.TRANSACTIONS);
    }

    private static List<Record> rows(String user, int count, Instant from) {
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(transaction(user + i, (double) i, from.plusSeconds(i)));
        }
        return rows;
    }

    private IcebergSplitPlanner planner(boolean upsert) {
        return new IcebergSplitPlanner(table, "ts", "ts", upsert, IcebergPosition.start());
    }

    @Test
    void firstRoundReadsEveryFileOfTheCurrentSnapshot() {
        DataFile a = IcebergTableWriter.append(table, rows("a", 10, T0));
        DataFile b = IcebergTableWriter.append(table, rows("b", 5, T0.plusSeconds(60)));
        IcebergSplitPlanner planner = planner(false);

        IcebergPlan plan = planner.planNext();

        assertThat(plan.splits())
                .extracting(s -> s.added().get(0).location())
                .containsExactlyInAnyOrder(a.location(), b.location());
        assertThat(plan.splits()).allMatch(s -> s.kind() == IcebergFileSplit.Kind.APPEND);
        assertThat(plan.position().lastSnapshotId())
                .isEqualTo(table.currentSnapshot().snapshotId());
        assertThat(plan.position().cursorHighWaterMark())
                .as(
                        "the largest of the files' lowest ts (as far as their splits set the"
                                + " watermark), in micros")
                .isEqualTo(T0.plusSeconds(60).toEpochMilli() * 1000);
        assertThat(planner.planNext().splits()).as("nothing new").isEmpty();
    }

    @Test
    void everyAppendedFileIsPlannedHoweverOldItsRows() {
        IcebergTableWriter.append(table, rows("a", 10, T0));
        IcebergSplitPlanner planner = planner(false);
        planner.planNext();

        DataFile old =
                IcebergTableWriter.append(table, rows("old", 7, T0.minus(Duration.ofHours(1))));
        DataFile withinLateness =
                IcebergTableWriter.append(table, rows("late", 3, T0.plus(Duration.ofMinutes(-4))));
        DataFile fresh = IcebergTableWriter.append(table, rows("new", 4, T0.plusSeconds(600)));
        IcebergPlan plan = planner.planNext();

        // an hour behind: its rows are late, and the late filter sends them to .late with a count;
        // passing the file over by its statistics would lose them without a trace in the topics
        assertThat(plan.splits())
                .extracting(s -> s.added().get(0).location())
                .containsExactly(old.location(), withinLateness.location(), fresh.location());
        assertThat(plan.filesPlanned()).isEqualTo(3);
    }

    @Test
    void appendModeSkipsOverwritesAndSaysWhy() {
        DataFile a = IcebergTableWriter.append(table, rows("a", 3, T0));
        IcebergSplitPlanner planner = planner(false);
        planner.planNext();

        DataFile rewritten = IcebergTableWriter.write(table, rows("a", 2, T0));
        table.newOverwrite().deleteFile(a).addFile(rewritten).commit();
        IcebergPlan plan = planner.planNext();

        assertThat(plan.splits()).isEmpty();
        assertThat(plan.skippedSnapshots())
                .singleElement()
                .asString()
                .contains("overwrite")
                .contains("cdc append reads only appended rows");
    }

    @Test
    void upsertModeTurnsOverwritesAndDeletesIntoChangeSplitsInCommitOrder() {
        DataFile a = IcebergTableWriter.append(table, rows("a", 3, T0));
        DataFile b = IcebergTableWriter.append(table, rows("b", 2, T0));
        IcebergSplitPlanner planner = planner(true);
        planner.planNext();

        DataFile rewritten = IcebergTableWriter.write(table, rows("a", 2, T0.plusSeconds(5)));
        table.newOverwrite().deleteFile(a).addFile(rewritten).commit();
        table.newDelete().deleteFile(b).commit();
        DataFile c = IcebergTableWriter.append(table, rows("c", 1, T0.plusSeconds(9)));
        IcebergPlan plan = planner.planNext();

        assertThat(plan.splits())
                .extracting(IcebergFileSplit::kind)
                .containsExactly(
                        IcebergFileSplit.Kind.CHANGE,
                        IcebergFileSplit.Kind.CHANGE,
                        IcebergFileSplit.Kind.APPEND);
        IcebergFileSplit overwrite = plan.splits().get(0);
        assertThat(overwrite.removed())
                .extracting(IcebergDataFile::location)
                .containsExactly(a.location());
        assertThat(overwrite.added())
                .extracting(IcebergDataFile::location)
                .containsExactly(rewritten.location());
        IcebergFileSplit delete = plan.splits().get(1);
        assertThat(delete.removed())
                .extracting(IcebergDataFile::location)
                .containsExactly(b.location());
        assertThat(delete.added()).isEmpty();
        assertThat(plan.splits().get(2).added().get(0).location()).isEqualTo(c.location());
        assertThat(plan.splits()).extracting(IcebergFileSplit::ordinal).isSorted();
        assertThat(Set.copyOf(plan.splits().stream().map(IcebergFileSplit::splitId).toList()))
                .hasSize(3);
    }

    @Test
    void compactionChangesNoRowsAndIsPassedOver() {
        DataFile a = IcebergTableWriter.append(table, rows("a", 3, T0));
        DataFile b = IcebergTableWriter.append(table, rows("b", 3, T0));
        IcebergSplitPlanner planner = planner(false);
        planner.planNext();

        List<Record> both = new ArrayList<>(rows("a", 3, T0));
        both.addAll(rows("b", 3, T0));
        DataFile compacted = IcebergTableWriter.write(table, both);
        table.newRewrite().rewriteFiles(Set.of(a, b), Set.of(compacted)).commit();
        IcebergPlan plan = planner.planNext();

        assertThat(plan.splits()).isEmpty();
        assertThat(plan.skippedSnapshots()).isEmpty();
    }

    @Test
    void aRolledBackTableStopsTheSourceWithWhatToDo() {
        IcebergTableWriter.append(table, rows("a", 1, T0));
        long first = table.currentSnapshot().snapshotId();
        IcebergTableWriter.append(table, rows("b", 1, T0));
        IcebergSplitPlanner planner = planner(false);
        planner.planNext();

        table.manageSnapshots().rollbackTo(first).commit();
        IcebergTableWriter.append(table, rows("c", 1, T0));

        assertThatThrownBy(planner::planNext)
                .isInstanceOf(IcebergLineageException.class)
                .hasMessageContaining("no longer an ancestor")
                .hasMessageContaining("without its savepoint");
    }

    private static Instant micros(long micros) {
        return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    @Test
    void timestampsNoEventCanHoldMoveNeitherTheHighWaterMarkNorTheStartWatermark() {
        List<Record> mixed = rows("a", 10, T0);
        mixed.add(transaction("far", 1.0, micros(Long.MAX_VALUE)));
        IcebergTableWriter.append(table, mixed);
        List<Record> nanos = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // nanoseconds written as microseconds: years around 56,000
            nanos.add(transaction("n" + i, 1.0, micros(T0.toEpochMilli() * 1_000_000 + i)));
        }
        DataFile nanosFile = IcebergTableWriter.append(table, nanos);
        IcebergSplitPlanner planner = planner(false);

        IcebergPlan first = planner.planNext();

        assertThat(first.position().cursorHighWaterMark())
                .as("the lowest ts of the mixed file, the only bound an event can hold")
                .isEqualTo(T0.toEpochMilli() * 1000);
        assertThat(first.splits())
                .filteredOn(s -> s.added().get(0).location().equals(nanosFile.location()))
                .singleElement()
                .extracting(IcebergFileSplit::minEventTimeMillis)
                .as("a file of rows no event can hold sets no watermark")
                .isEqualTo(IcebergFileSplit.UNKNOWN_EVENT_TIME);

        DataFile later = IcebergTableWriter.append(table, rows("later", 3, T0.plusSeconds(60)));
        assertThat(planner.planNext().splits())
                .extracting(s -> s.added().get(0).location())
                .containsExactly(later.location());
    }

    @Test
    void aWideFileDoesNotHoldBackALaterFileWhoseRowsAreOnTime() {
        List<Record> backfill = rows("wide", 10, T0);
        backfill.add(transaction("sentinel", 1.0, Instant.parse("9999-12-31T00:00:00Z")));
        IcebergTableWriter.append(table, backfill);
        IcebergSplitPlanner planner = planner(false);
        planner.planNext();

        // behind the sentinel, but on time: the watermark follows each split's lowest ts
        DataFile onTime = IcebergTableWriter.append(table, rows("next", 3, T0.plusSeconds(60)));
        DataFile old =
                IcebergTableWriter.append(table, rows("old", 2, T0.minus(Duration.ofHours(1))));
        IcebergPlan plan = planner.planNext();

        assertThat(plan.splits())
                .extracting(s -> s.added().get(0).location())
                .containsExactly(onTime.location(), old.location());
        assertThat(plan.position().cursorHighWaterMark())
                .as("the on-time file's lowest ts, not the sentinel")
                .isEqualTo(T0.plusSeconds(60).toEpochMilli() * 1000);
    }
}
