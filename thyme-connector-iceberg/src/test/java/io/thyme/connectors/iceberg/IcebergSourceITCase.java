package io.thyme.connectors.iceberg;

import static io.thyme.testing.LocalIceberg.transaction;
import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.thyme.conf.ThymeConf;
import io.thyme.job.FlinkRest;
import io.thyme.sink.PreflightException;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalIceberg;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestJobs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * IcebergSource on a MiniCluster: real Iceberg tables into a real Kafka broker, through the catalog
 * a subclass names (Hadoop on a {@code file:} warehouse, REST on 127.0.0.1).
 */
abstract class IcebergSourceITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @TempDir Path warehouse;
    @TempDir Path savepoints;

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    /** The catalog the tests create their tables in, named {@code lake}. */
    abstract IcebergCatalogConf catalog(Path warehouse);

    /** A table, its catalog and a conf whose sink writes {@code <prefix>Transaction}. */
    record Fixture(Table table, ThymeConf conf, String prefix) {
        String topic() {
            return prefix + "Transaction";
        }

        JobSpec spec(String cdc, String maxLateness) {
            return IcebergSourceITCase.spec(
                    conf, table.name().replaceAll(".*\\.", ""), cdc, maxLateness);
        }
    }

    Fixture fixture() {
        return fixture(PartitionSpec.unpartitioned());
    }

    Fixture fixture(PartitionSpec partitioning) {
        IcebergCatalogConf catalog = catalog(warehouse);
        String name = LocalKafka.unique("tx").replace('-', '_');
        Table table =
                LocalIceberg.create(
                        catalog, "events", name, LocalIceberg.TRANSACTIONS, partitioning);
        String prefix = LocalKafka.unique("ice") + ".";
        ThymeConf conf =
                LocalIceberg.conf(
                        LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500), catalog);
        return new Fixture(table, conf, prefix);
    }

    static JobSpec spec(ThymeConf conf, String table, String cdc, String maxLateness) {
        return new SpecLoader(conf)
                .parse(
                        "iceberg.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Transaction",
                                "  fields:",
                                "    user_id: {type: str, key: true}",
                                "    amount: float",
                                "    ts: {type: datetime, timestamp: true}",
                                "source:",
                                "  connector: {kind: IcebergSource, catalog: "
                                        + conf.connections(IcebergCatalogs.SECTION)
                                                .keySet()
                                                .iterator()
                                                .next()
                                        + ", database: events, table: "
                                        + table
                                        + "}",
                                "  cursor: ts",
                                "  every: 1s",
                                "  max_lateness: " + maxLateness,
                                "  cdc: " + cdc,
                                ""));
    }

    static List<Record> rows(String user, int count, Instant from) {
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(transaction(user + i, (double) i, from.plusMillis(i)));
        }
        return rows;
    }

    static Set<String> users(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> text(r.key()))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Appends before and while the job runs arrive exactly once; bad rows and late rows aside. */
    @Test
    void appendsBeforeAndWhileRunningArriveOnceWithBadAndLateRowsAside() throws Exception {
        Fixture f = fixture();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IcebergTableWriter.append(f.table(), rows("before", 60, now.minusSeconds(30)));
        IcebergTableWriter.append(f.table(), rows("early", 40, now.minusSeconds(20)));
        JobClient job = TestJobs.start(f.conf(), f.spec("append", "1m"));
        try {
            assertThat(LocalKafka.readCommitted(f.topic(), 100, WAIT, Duration.ZERO)).hasSize(100);

            IcebergTableWriter.append(f.table(), rows("while", 50, now.minusSeconds(10)));
            List<Record> mixed = rows("mixed", 20, now);
            mixed.add(transaction("no-amount", null, now));
            mixed.add(transaction("too-late", 1.0, now.minus(Duration.ofMinutes(10))));
            IcebergTableWriter.append(f.table(), mixed);
            // a file whose rows are all ten minutes old: read, and every row goes to .late
            IcebergTableWriter.append(
                    f.table(), rows("late-file", 5, now.minus(Duration.ofMinutes(10))));

            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 170, WAIT, SETTLE);
            assertThat(events).hasSize(170);
            assertThat(users(events))
                    .hasSize(170)
                    .doesNotContain("{\"user_id\":\"no-amount\"}", "{\"user_id\":\"too-late\"}");
            List<ConsumerRecord<byte[], byte[]>> errors =
                    LocalKafka.readCommitted(f.topic() + ".errors", 1, WAIT, SETTLE);
            assertThat(errors)
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(headers(e).get("thyme.reason"))
                                        .contains("amount is null");
                                assertThat(headers(e).get("thyme.origin"))
                                        .startsWith("iceberg://lake.events.");
                                assertThat(text(e.value())).contains("no-amount");
                            });
            List<ConsumerRecord<byte[], byte[]>> late =
                    LocalKafka.readCommitted(f.topic() + ".late", 6, WAIT, SETTLE);
            assertThat(late).hasSize(6);
            assertThat(users(late))
                    .containsExactlyInAnyOrder(
                            "{\"user_id\":\"too-late\"}",
                            "{\"user_id\":\"late-file0\"}",
                            "{\"user_id\":\"late-file1\"}",
                            "{\"user_id\":\"late-file2\"}",
                            "{\"user_id\":\"late-file3\"}",
                            "{\"user_id\":\"late-file4\"}");
        } finally {
            job.cancel().get();
        }
    }

    /**
     * A table with history, as lakes receive it: 30 days partitioned by day, committed in shuffled
     * order, rows unsorted inside each file, read at parallelism 2 with max_lateness 5m. The first
     * start reads files oldest first and holds each reader's watermark at the file it reads, so the
     * whole history is on time.
     */
    @Test
    void aFirstStartPublishesAShuffledPartitionedHistoryWithNothingLate() throws Exception {
        Fixture f = fixture(PartitionSpec.builderFor(LocalIceberg.TRANSACTIONS).day("ts").build());
        Instant start = Instant.parse("2024-04-01T00:00:00Z");
        java.util.Random random = new java.util.Random(30);
        List<Integer> days = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            days.add(d);
        }
        java.util.Collections.shuffle(days, random);
        for (int day : days) {
            List<Record> rows = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                rows.add(
                        transaction(
                                "d" + day + "-" + i,
                                1.0,
                                start.plus(Duration.ofDays(day))
                                        .plusSeconds(random.nextInt(86_400))));
            }
            IcebergTableWriter.append(f.table(), rows);
        }
        JobClient job = TestJobs.start(f.conf(), f.spec("append", "5m"), 2, new Configuration());
        try {
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 6000, WAIT, SETTLE);
            assertThat(events).hasSize(6000);
            assertThat(users(events)).hasSize(6000);
            assertThat(
                            LocalKafka.readCommitted(
                                    f.topic() + ".late", 1, Duration.ofSeconds(2), Duration.ZERO))
                    .as("late events")
                    .isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void tablesPartitionedByIdentityHourBucketAndTruncateAreReadWhole() throws Exception {
        Fixture f =
                fixture(
                        PartitionSpec.builderFor(LocalIceberg.TRANSACTIONS)
                                .identity("note")
                                .hour("ts")
                                .bucket("user_id", 4)
                                .truncate("user_id", 2)
                                .build());
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        int written = 0;
        for (int hour = 0; hour < 3; hour++) {
            for (int user = 0; user < 8; user++) {
                List<Record> rows = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    Record row =
                            transaction(
                                    "u" + user,
                                    (double) i,
                                    now.plus(Duration.ofHours(hour)).plusSeconds(i * 60L));
                    row.setField("note", hour % 2 == 0 ? "even" : "odd");
                    rows.add(row);
                }
                IcebergTableWriter.append(f.table(), rows);
                written += rows.size();
            }
        }
        JobClient job = TestJobs.start(f.conf(), f.spec("append", "1h"), 2, new Configuration());
        try {
            assertThat(LocalKafka.readCommitted(f.topic(), written, WAIT, SETTLE)).hasSize(written);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aDataFileGoneBeforeItIsReadIsSkippedAndCountedAndTheRestArrives(
            @InjectClusterRESTAddress URI rest) throws Exception {
        Fixture f = fixture();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        org.apache.iceberg.DataFile gone =
                IcebergTableWriter.append(f.table(), rows("gone", 10, now.minusSeconds(40)));
        IcebergTableWriter.append(f.table(), rows("kept", 10, now.minusSeconds(30)));
        java.nio.file.Files.delete(Path.of(URI.create(gone.location())));
        JobClient job = TestJobs.start(f.conf(), f.spec("append", "1m"));
        try {
            assertThat(LocalKafka.readCommitted(f.topic(), 10, WAIT, SETTLE))
                    .hasSize(10)
                    .allSatisfy(r -> assertThat(text(r.key())).contains("kept"));
            FlinkRest ui = new FlinkRest(rest);
            org.awaitility.Awaitility.await("numFilesGone = 1")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    ui.operatorMetric(
                                                            job.getJobID(),
                                                            "IcebergSource",
                                                            "numFilesGone"))
                                            .hasValue(1L));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aRolledBackTableStopsTheJobOnceWithTheReasonInsteadOfRestarting(
            @InjectClusterRESTAddress URI rest) throws Exception {
        Fixture f = fixture();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IcebergTableWriter.append(f.table(), rows("a", 10, now.minusSeconds(30)));
        long first = f.table().currentSnapshot().snapshotId();
        JobClient job =
                TestJobs.start(f.conf(), f.spec("append", "1m"), 1, TestJobs.restartingOnFailure());
        assertThat(LocalKafka.readCommitted(f.topic(), 10, WAIT, Duration.ZERO)).hasSize(10);
        IcebergTableWriter.append(f.table(), rows("b", 10, now.minusSeconds(20)));
        assertThat(LocalKafka.readCommitted(f.topic(), 20, WAIT, Duration.ZERO)).hasSize(20);

        f.table().manageSnapshots().rollbackTo(first).commit();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> job.getJobExecutionResult().get(60, TimeUnit.SECONDS))
                .hasStackTraceContaining("rolled back");
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.FAILED);
        JsonNode exceptions =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                                java.net.http.HttpClient.newHttpClient()
                                        .send(
                                                java.net.http.HttpRequest.newBuilder(
                                                                rest.resolve(
                                                                        "jobs/"
                                                                                + job.getJobID()
                                                                                + "/exceptions"))
                                                        .build(),
                                                java.net.http.HttpResponse.BodyHandlers.ofString())
                                        .body());
        assertThat(exceptions.path("exceptionHistory").path("entries"))
                .as("failures before the job stopped (one: no restarts)")
                .hasSize(1);
    }

    @Test
    void restoresFromASavepointWithoutLossOrRepeat() throws Exception {
        Fixture f = fixture();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IcebergTableWriter.append(f.table(), rows("a", 30, now.minusSeconds(30)));
        JobClient first = TestJobs.start(f.conf(), f.spec("append", "1m"));
        assertThat(LocalKafka.readCommitted(f.topic(), 30, WAIT, Duration.ZERO)).hasSize(30);
        IcebergTableWriter.append(f.table(), rows("b", 30, now.minusSeconds(20)));
        assertThat(LocalKafka.readCommitted(f.topic(), 60, WAIT, Duration.ZERO)).hasSize(60);
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        IcebergTableWriter.append(f.table(), rows("c", 30, now.minusSeconds(10)));
        JobClient second =
                TestJobs.start(
                        f.conf(), f.spec("append", "1m"), 1, TestJobs.restoringFrom(savepoint));
        try {
            IcebergTableWriter.append(f.table(), rows("d", 30, now));
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 120, WAIT, SETTLE);
            assertThat(events).hasSize(120);
            assertThat(users(events)).hasSize(120);
        } finally {
            second.cancel().get();
        }
    }

    @Test
    void upsertTurnsOverwritesAndDeletesIntoUpdatesAndTombstones() throws Exception {
        Fixture f = fixture();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DataFile first = IcebergTableWriter.append(f.table(), rows("k", 4, now.minusSeconds(30)));
        DataFile own = IcebergTableWriter.append(f.table(), rows("solo", 1, now.minusSeconds(30)));
        JobClient job = TestJobs.start(f.conf(), f.spec("upsert", "1m"));
        try {
            assertThat(LocalKafka.readCommitted(f.topic(), 5, WAIT, Duration.ZERO)).hasSize(5);

            // UPDATE: k1 gets a new amount, k3 is deleted; k0 and k2 are rewritten unchanged.
            List<Record> rewritten = rows("k", 3, now.minusSeconds(30));
            rewritten.get(1).setField("amount", 100.0);
            f.table()
                    .newOverwrite()
                    .deleteFile(first)
                    .addFile(IcebergTableWriter.write(f.table(), rewritten))
                    .commit();
            // DELETE of a whole file: solo0 goes.
            f.table().newDelete().deleteFile(own).commit();

            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 8, WAIT, SETTLE);
            assertThat(events).hasSize(8);
            List<ConsumerRecord<byte[], byte[]>> changes = events.subList(5, 8);
            Map<String, ConsumerRecord<byte[], byte[]>> byKey =
                    changes.stream().collect(Collectors.toMap(r -> text(r.key()), r -> r));
            assertThat(byKey)
                    .containsOnlyKeys(
                            "{\"user_id\":\"k1\"}",
                            "{\"user_id\":\"k3\"}",
                            "{\"user_id\":\"solo0\"}");
            assertThat(text(byKey.get("{\"user_id\":\"k1\"}").value())).contains("100.0");
            assertThat(headers(byKey.get("{\"user_id\":\"k1\"}")))
                    .containsEntry("thyme.change", "update");
            assertThat(byKey.get("{\"user_id\":\"k3\"}").value())
                    .as("a delete is a tombstone")
                    .isNull();
            assertThat(headers(byKey.get("{\"user_id\":\"k3\"}")))
                    .containsEntry("thyme.change", "delete");
            assertThat(byKey.get("{\"user_id\":\"solo0\"}").value()).isNull();
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void refusesToStartOnAMissingTableOrColumnsThatDoNotFit() {
        Fixture f = fixture();
        JobSpec missing = spec(f.conf(), "no_such_table", "append", "1m");
        assertThatThrownBy(() -> TestJobs.assemble(f.conf(), missing))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("catalog 'lake'")
                .hasMessageContaining("has no table events.no_such_table");

        String table = f.table().name().replaceAll(".*\\.", "");
        JobSpec mismatched =
                new SpecLoader(f.conf())
                        .parse(
                                "mismatch.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: Transaction",
                                        "  fields:",
                                        "    user_id: {type: int, key: true}",
                                        "    country: str",
                                        "    ts: {type: datetime, timestamp: true}",
                                        "source:",
                                        "  connector: {kind: IcebergSource, catalog: lake,"
                                                + " database: events, table: "
                                                + table
                                                + "}",
                                        "  cursor: ts",
                                        "  every: 1s",
                                        ""));
        assertThatThrownBy(() -> TestJobs.assemble(f.conf(), mismatched))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("IcebergSource cannot read lake.events." + table)
                .hasMessageContaining(
                        "field user_id is int but column user_id is string; declare the field as"
                                + " str")
                .hasMessageContaining("field country: the table has no column 'country'");
    }
}
