package io.thyme.connectors.iceberg;

import static io.thyme.testing.LocalIceberg.transaction;
import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.testing.IcebergDeleteFiles;
import io.thyme.testing.LocalIceberg;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format-version 2 tables with position and equality delete files, written with Iceberg's own
 * writers and committed as row deltas (what Flink's Iceberg sink in upsert mode and merge-on-read
 * engines commit), read by the real job at parallelism 2 into Kafka in cdc upsert mode, stopped
 * with a savepoint between commits and restored. Every key's exact sequence of events and
 * tombstones in the topic is checked, on an unpartitioned table (equality deletes on the key are
 * read as deleted keys) and one partitioned by day (partition-scoped, they are resolved against the
 * data files).
 */
class IcebergRowDeletesITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Instant DAY1 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2024-05-02T10:00:00Z");
    private static final List<String> KEY = List.of("user_id");

    @TempDir Path warehouse;
    @TempDir Path savepoints;

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    @Test
    void rowLevelDeletesOfAnUnpartitionedTableArriveAsTombstonesInCommitOrder() throws Exception {
        readsEveryKeysChangesInCommitOrder(PartitionSpec.unpartitioned());
    }

    @Test
    void rowLevelDeletesOfATablePartitionedByDayArriveAsTombstonesInCommitOrder() throws Exception {
        readsEveryKeysChangesInCommitOrder(
                PartitionSpec.builderFor(LocalIceberg.TRANSACTIONS).day("ts").build());
    }

    /**
     * cdc append on a table with delete files: the first read applies them (live rows only), a
     * later row delta is skipped (an append dataset cannot say a row is gone), and the source keeps
     * going: an append after it arrives. At parallelism 2.
     */
    @Test
    void appendModeReadsLiveRowsAndPassesOverRowDeltas() throws Exception {
        var catalog = LocalIceberg.hadoopCatalog("lake", warehouse);
        String name = LocalKafka.unique("rda").replace('-', '_');
        Table table =
                LocalIceberg.create(
                        catalog,
                        "events",
                        name,
                        LocalIceberg.TRANSACTIONS,
                        PartitionSpec.unpartitioned());
        String prefix = LocalKafka.unique("icerda") + ".";
        ThymeConf conf =
                LocalIceberg.conf(
                        LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500), catalog);
        JobSpec spec = IcebergSourceITCase.spec(conf, name, "append", "30d");
        String topic = prefix + "Transaction";
        DataFile f1 =
                IcebergTableWriter.append(
                        table,
                        List.of(
                                row("k0", 0, DAY1, 0),
                                row("k1", 1, DAY1, 1),
                                row("k2", 2, DAY1, 2)));
        table.newRowDelta().addDeletes(IcebergDeleteFiles.positions(table, f1, 1)).commit();

        JobClient job = TestJobs.start(conf, spec, 2, new Configuration());
        try {
            assertThat(LocalKafka.readCommitted(topic, 2, WAIT, Duration.ZERO)).hasSize(2);
            table.newRowDelta()
                    .addRows(IcebergTableWriter.write(table, List.of(row("k0", 10, DAY1, 0))))
                    .addDeletes(
                            IcebergDeleteFiles.equality(
                                    table, partition(f1), KEY, List.of(List.of("k0"))))
                    .commit();
            IcebergTableWriter.append(table, List.of(row("k3", 3, DAY1, 3)));
            List<String> users = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> event :
                    LocalKafka.readCommitted(topic, 3, WAIT, SETTLE)) {
                users.add(
                        text(event.value()).replaceAll(".*\"user_id\":\"([^\"]+)\".*", "$1")
                                + " "
                                + text(event.value()).replaceAll(".*\"amount\":([0-9.]+).*", "$1"));
            }
            assertThat(users)
                    .as("live rows of the first read, nothing of the row delta, the later append")
                    .containsExactlyInAnyOrder("k0 0.0", "k2 2.0", "k3 3.0");
        } finally {
            job.cancel().get();
        }
    }

    private static Record row(String user, double amount, Instant day, int second) {
        return transaction(user, amount, day.plusSeconds(second));
    }

    private static StructLike partition(DataFile file) {
        return file.partition();
    }

    private void readsEveryKeysChangesInCommitOrder(PartitionSpec partitioning) throws Exception {
        var catalog = LocalIceberg.hadoopCatalog("lake", warehouse);
        String name = LocalKafka.unique("rd").replace('-', '_');
        Table table =
                LocalIceberg.create(
                        catalog, "events", name, LocalIceberg.TRANSACTIONS, partitioning);
        assertThat(table.properties()).doesNotContainEntry("format-version", "1");
        String prefix = LocalKafka.unique("icerd") + ".";
        ThymeConf conf =
                LocalIceberg.conf(
                        LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500), catalog);
        JobSpec spec = IcebergSourceITCase.spec(conf, name, "upsert", "30d");
        String topic = prefix + "Transaction";

        // Before the first start: k1 removed by a position delete, k2 by an equality delete.
        DataFile f1 =
                IcebergTableWriter.append(
                        table,
                        List.of(
                                row("k0", 0, DAY1, 0),
                                row("k1", 1, DAY1, 1),
                                row("k2", 2, DAY1, 2)));
        DataFile f2 =
                IcebergTableWriter.append(
                        table,
                        List.of(
                                row("k3", 3, DAY2, 3),
                                row("k4", 4, DAY2, 4),
                                row("k5", 5, DAY2, 5)));
        table.newRowDelta()
                .addDeletes(IcebergDeleteFiles.positions(table, f1, 1))
                .addDeletes(
                        IcebergDeleteFiles.equality(
                                table, partition(f1), KEY, List.of(List.of("k2"))))
                .commit();

        JobClient job = TestJobs.start(conf, spec, 2, new Configuration());
        assertThat(LocalKafka.readCommitted(topic, 4, WAIT, Duration.ZERO))
                .as("the first read: live rows only")
                .hasSize(4);

        // What Flink's sink commits in upsert mode: an equality delete of every key written in the
        // checkpoint and the keys' new rows; k0 is written again, k3 only deleted.
        DataFile d1 = IcebergTableWriter.write(table, List.of(row("k0", 10, DAY1, 0)));
        table.newRowDelta()
                .addRows(d1)
                .addDeletes(
                        IcebergDeleteFiles.equality(
                                table, partition(f1), KEY, List.of(List.of("k0"))))
                .addDeletes(
                        IcebergDeleteFiles.equality(
                                table, partition(f2), KEY, List.of(List.of("k3"))))
                .commit();
        assertThat(LocalKafka.readCommitted(topic, 6, WAIT, Duration.ZERO)).hasSize(6);
        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        // While the job is stopped: a position delete of k4; a commit adding k6 and k7 with a
        // position delete of k7 in the same commit; an equality delete on a column that is not the
        // key (amount 5.0: k5).
        table.newRowDelta().addDeletes(IcebergDeleteFiles.positions(table, f2, 1)).commit();
        DataFile d2 =
                IcebergTableWriter.write(
                        table, List.of(row("k6", 6, DAY2, 6), row("k7", 7, DAY2, 7)));
        table.newRowDelta()
                .addRows(d2)
                .addDeletes(IcebergDeleteFiles.positions(table, d2, 1))
                .commit();
        table.newRowDelta()
                .addDeletes(
                        IcebergDeleteFiles.equality(
                                table, partition(f2), List.of("amount"), List.of(List.of(5.0))))
                .commit();

        JobClient restored = TestJobs.start(conf, spec, 2, TestJobs.restoringFrom(savepoint));
        try {
            assertThat(LocalKafka.readCommitted(topic, 9, WAIT, Duration.ZERO)).hasSize(9);
            // Copy-on-write commits on a table with delete files: f1's rows are all deleted by
            // now, so removing it changes nothing; d2 is rewritten with k6 changed (k7 stays
            // deleted).
            table.newOverwrite().deleteFile(f1).commit();
            table.newOverwrite()
                    .deleteFile(d2)
                    .addFile(IcebergTableWriter.write(table, List.of(row("k6", 66, DAY2, 6))))
                    .commit();

            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(topic, 10, WAIT, SETTLE);
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> event : events) {
                String user = text(event.key()).replaceAll(".*\"user_id\":\"([^\"]+)\".*", "$1");
                String change = headers(event).get("thyme.change");
                String what =
                        event.value() == null
                                ? change + " (tombstone)"
                                : change
                                        + " "
                                        + text(event.value())
                                                .replaceAll(".*\"amount\":([0-9.]+).*", "$1");
                byKey.computeIfAbsent(user, k -> new ArrayList<>()).add(what);
            }
            assertThat(byKey)
                    .as("every key's events in the topic, in order")
                    .containsOnlyKeys("k0", "k3", "k4", "k5", "k6")
                    .containsEntry("k0", List.of("insert 0.0", "update 10.0"))
                    .containsEntry("k3", List.of("insert 3.0", "delete (tombstone)"))
                    .containsEntry("k4", List.of("insert 4.0", "delete (tombstone)"))
                    .containsEntry("k5", List.of("insert 5.0", "delete (tombstone)"))
                    .containsEntry("k6", List.of("insert 6.0", "update 66.0"));
            assertThat(events).hasSize(10);
        } finally {
            restored.cancel().get();
        }
    }
}
