package io.thyme.connectors.postgres;

import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.event.FieldValues;
import io.thyme.job.FlinkRest;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import io.thyme.testing.RunsAlone;
import io.thyme.testing.TestJobs;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PostgresSource on a MiniCluster against a real PostgreSQL and a real Kafka broker. */
@RunsAlone // restarts PostgreSQL mid-stream
class PostgresSourceITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path savepoints;
    private String table;
    private String prefix;
    private ThymeConf conf;

    @BeforeAll
    static void serversAreUp() {
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
    }

    @BeforeEach
    void createTable() throws Exception {
        table = LocalKafka.unique("tx").replace('-', '_');
        prefix = LocalKafka.unique("pg") + ".";
        conf = LocalPostgres.conf(LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500));
        LocalPostgres.execute(
                "create table "
                        + table
                        + " (id bigserial, user_id text not null, amount numeric,"
                        + " ts timestamptz not null, note text)",
                "create index on " + table + " (ts)");
    }

    private JobSpec spec(String extraConnector, String maxLateness) {
        return spec(extraConnector, maxLateness, "append");
    }

    private JobSpec spec(String extraConnector, String maxLateness, String cdc) {
        return new SpecLoader(conf)
                .parse(
                        "pg.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Transaction",
                                "  fields:",
                                "    id: {type: int, key: true}",
                                "    user_id: str",
                                "    amount: int",
                                "    ts: {type: datetime, timestamp: true}",
                                "    note: Optional[str]",
                                "source:",
                                "  connector: {kind: PostgresSource, database: pg, table: "
                                        + table
                                        + extraConnector
                                        + "}",
                                "  cursor: ts",
                                "  every: 1s",
                                "  max_lateness: " + maxLateness,
                                "  cdc: " + cdc,
                                ""));
    }

    private JobClient start(JobSpec spec, int parallelism, String savepoint) throws Exception {
        Configuration settings = new Configuration();
        if (savepoint != null) {
            settings.setString("execution.state-recovery.path", savepoint);
        }
        return TestJobs.start(conf, spec, parallelism, settings);
    }

    private void insert(int count, Instant ts, String user) throws Exception {
        try (Connection connection = LocalPostgres.connect();
                PreparedStatement insert =
                        connection.prepareStatement(
                                "insert into "
                                        + table
                                        + " (user_id, amount, ts) values (?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, user + i);
                insert.setBigDecimal(2, java.math.BigDecimal.valueOf(i));
                insert.setObject(3, OffsetDateTime.ofInstant(ts, ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> events(int expected) {
        return LocalKafka.readCommitted(
                prefix + "Transaction", expected, WAIT, Duration.ofSeconds(3));
    }

    private static Set<String> distinctValues(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> text(r.value())).collect(Collectors.toSet());
    }

    /**
     * Rows are a little older than now: polls that find nothing new move the watermark to about now
     * - max_lateness, so rows from long ago would be late.
     */
    private final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);

    @Test
    void rowsInsertedWhileRunningArriveOnceAndBadRowsGoToErrors() throws Exception {
        insert(3, T0, "early");
        LocalPostgres.execute(
                "insert into "
                        + table
                        + " (user_id, amount, ts) values ('bad', 1.5, '"
                        + T0
                        + "')");
        JobClient job = start(spec("", "1h"), 1, null);
        try {
            assertThat(events(3)).hasSize(3);
            insert(2, T0.plusSeconds(60), "late");
            List<ConsumerRecord<byte[], byte[]>> events = events(5);
            assertThat(events).hasSize(5);
            assertThat(distinctValues(events)).hasSize(5);
            assertThat(text(events.get(3).value()))
                    .isEqualTo(
                            "{\"id\":5,\"user_id\":\"late0\",\"amount\":0,\"ts\":\""
                                    + FieldValues.formatDatetime(T0.plusSeconds(60))
                                    + "\",\"note\":null}");
            assertThat(text(events.get(3).key())).isEqualTo("{\"id\":5}");

            List<ConsumerRecord<byte[], byte[]>> errors =
                    LocalKafka.readCommitted(
                            prefix + "Transaction.errors", 1, WAIT, Duration.ofSeconds(1));
            assertThat(errors).hasSize(1);
            assertThat(headers(errors.get(0)).get("thyme.reason"))
                    .isEqualTo("column amount: 1.5 is not a 64-bit whole number");
            assertThat(headers(errors.get(0)).get("thyme.origin"))
                    .startsWith("postgres://127.0.0.1:")
                    .contains("/thyme/public." + table + "@(");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void rowsSharingOneCursorValueArriveOnceAcrossBatchesAndLaterCommits() throws Exception {
        insert(1000, T0, "tie");
        JobClient job = start(spec(", batch_size: 100", "10m"), 1, null);
        try {
            assertThat(distinctValues(events(1000))).hasSize(1000);
            insert(10, T0, "tie-later");
            List<ConsumerRecord<byte[], byte[]>> events = events(1010);
            assertThat(events).hasSize(1010);
            assertThat(distinctValues(events)).hasSize(1010);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void transactionsCommittingOutOfCursorOrderBothArrive() throws Exception {
        JobClient job = start(spec("", "5m"), 1, null);
        try (Connection slow = LocalPostgres.connect()) {
            slow.setAutoCommit(false);
            try (PreparedStatement insert =
                    slow.prepareStatement(
                            "insert into "
                                    + table
                                    + " (user_id, amount, ts) values ('slow', 1, ?)")) {
                insert.setObject(1, OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));
                insert.executeUpdate();
            }
            insert(1, T0.plusSeconds(60), "fast");
            assertThat(events(1))
                    .extracting(r -> text(r.value()))
                    .allMatch(v -> v.contains("fast0"));
            slow.commit();
            List<ConsumerRecord<byte[], byte[]>> events = events(2);
            assertThat(events).hasSize(2);
            assertThat(text(events.get(1).value())).contains("\"user_id\":\"slow\"");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void restoresFromASavepointWithoutLossOrRepeat() throws Exception {
        insert(100, T0, "before");
        JobClient first = start(spec("", "1m"), 1, null);
        assertThat(events(100)).hasSize(100);
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        insert(50, T0.plusSeconds(1), "while-stopped");
        JobClient second = start(spec("", "1m"), 1, savepoint);
        try {
            List<ConsumerRecord<byte[], byte[]>> events = events(150);
            assertThat(events).hasSize(150);
            assertThat(distinctValues(events)).hasSize(150);
        } finally {
            second.cancel().get();
        }
    }

    @Test
    void parallelismTwoReadsDisjointBuckets() throws Exception {
        insert(500, T0, "user");
        JobClient job = start(spec("", "1m"), 2, null);
        try {
            List<ConsumerRecord<byte[], byte[]>> events = events(500);
            assertThat(events).hasSize(500);
            Set<String> keys = new HashSet<>();
            events.forEach(r -> keys.add(text(r.key())));
            assertThat(keys).hasSize(500);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aQuietTableStillAdvancesEventTime() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        insert(1, now.minus(Duration.ofMinutes(30)), "old");
        JobClient job = start(spec("", "1m"), 1, null);
        try {
            // Reading on for 3 s more lets polls (every 1s) find nothing new, which moves the
            // watermark to about now - 1m. Without that, the watermark would stay at the old row's
            // time - 1m and the next row would be on time.
            assertThat(events(1)).hasSize(1);
            insert(1, now.minus(Duration.ofMinutes(20)), "behind-the-clock");
            List<ConsumerRecord<byte[], byte[]>> late =
                    LocalKafka.readCommitted(
                            prefix + "Transaction.late", 1, WAIT, Duration.ofSeconds(1));
            assertThat(late).hasSize(1);
            assertThat(text(late.get(0).value())).contains("behind-the-clock0");
        } finally {
            job.cancel().get();
        }
    }

    private static void postgres(String command) throws Exception {
        Process process = new ProcessBuilder("scripts/postgres.sh", command).inheritIO().start();
        assertThat(process.waitFor()).as("scripts/postgres.sh %s", command).isZero();
    }

    @Test
    void recoversByItselfWhenPostgresRestartsMidStream(@InjectClusterRESTAddress URI rest)
            throws Exception {
        insert(10, T0, "before");
        JobClient job = start(spec("", "10m"), 1, null);
        try {
            assertThat(events(10)).hasSize(10);
            postgres("stop");
            FlinkRest ui = new FlinkRest(rest);
            org.awaitility.Awaitility.await("a failed poll counted in numPollFailures")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    ui.operatorMetric(
                                                            job.getJobID(),
                                                            "PostgresSource",
                                                            "numPollFailures"))
                                            .hasValueSatisfying(n -> assertThat(n).isPositive()));
            postgres("start");
            insert(10, T0.plusSeconds(30), "after");
            List<ConsumerRecord<byte[], byte[]>> events = events(20);
            assertThat(events).hasSize(20);
            assertThat(distinctValues(events)).hasSize(20);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void deliversEveryRowOnceAcrossATaskManagerFailure(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        insert(300, T0, "first");
        JobClient job =
                TestJobs.start(
                        conf, spec(", batch_size: 50", "10m"), 1, TestJobs.restartingOnFailure());
        try {
            assertThat(LocalKafka.readCommitted(prefix + "Transaction", 1, WAIT, Duration.ZERO))
                    .isNotEmpty();
            insert(300, T0.plusSeconds(1), "second");
            cluster.terminateTaskManager(0).get();
            insert(300, T0.plusSeconds(2), "third");
            cluster.startTaskManager();
            List<ConsumerRecord<byte[], byte[]>> events = events(900);
            assertThat(distinctValues(events)).as("distinct rows").hasSize(900);
            assertThat(events).as("rows, duplicates included").hasSize(900);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void refusesToStartWhenColumnsAreMissingOrDoNotFit() throws Exception {
        LocalPostgres.execute("drop index " + table + "_ts_idx");
        JobSpec spec =
                new SpecLoader(conf)
                        .parse(
                                "pg.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: Transaction",
                                        "  fields:",
                                        "    id: {type: int, key: true}",
                                        "    country: str",
                                        "    amount: bool",
                                        "    ts: {type: datetime, timestamp: true}",
                                        "source:",
                                        "  connector: {kind: PostgresSource, database: pg, table: "
                                                + table
                                                + "}",
                                        "  cursor: ts",
                                        "  every: 1s",
                                        ""));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestJobs.assemble(conf, spec))
                .isInstanceOf(io.thyme.sink.PreflightException.class)
                .hasMessageContaining("PostgresSource cannot read " + table)
                .hasMessageContaining("has no column country for field country")
                .hasMessageContaining(
                        "column amount is numeric, which cannot hold the field's type bool");
    }

    @Test
    void upsertTurnsUpdatedRowsIntoUpdatesAndDropsNoOpUpdates() throws Exception {
        insert(2, T0, "user");
        JobClient job = start(spec("", "10m", "upsert"), 1, null);
        try {
            assertThat(events(2)).hasSize(2);
            LocalPostgres.execute(
                    "update "
                            + table
                            + " set note = 'changed', ts = ts + interval '1 second' where id = 1",
                    "update " + table + " set note = note where id = 2");
            List<ConsumerRecord<byte[], byte[]>> events = events(3);
            assertThat(events)
                    .extracting(r -> headers(r).get("thyme.change"))
                    .containsExactly("insert", "insert", "update");
            assertThat(text(events.get(2).key())).isEqualTo("{\"id\":1}");
            assertThat(text(events.get(2).value())).contains("\"note\":\"changed\"");
        } finally {
            job.cancel().get();
        }
    }

    private JobSpec specOf(String fields, String cursor, String maxLateness) {
        return new SpecLoader(conf)
                .parse(
                        "pg.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Transaction",
                                "  fields:",
                                fields,
                                "source:",
                                "  connector: {kind: PostgresSource, database: pg, table: "
                                        + table
                                        + "}",
                                "  cursor: " + cursor,
                                "  every: 1s",
                                "  max_lateness: " + maxLateness,
                                ""));
    }

    @Test
    void wholeNumberFloatsSharingOneCursorValueArriveOnceOverManyPolls(
            @InjectClusterRESTAddress URI rest) throws Exception {
        LocalPostgres.execute(
                "create table " + table + "_f (id int, amount float8, ts timestamptz)",
                "insert into "
                        + table
                        + "_f select g, case when g % 2 = 0 then g else g + 0.25 end, '"
                        + T0
                        + "' from generate_series(1, 1000) g");
        table = table + "_f";
        JobSpec spec =
                specOf(
                        "    id: int\n    amount: float\n    ts: {type: datetime, timestamp: true}",
                        "ts",
                        "10m");
        JobClient job = start(spec, 1, null);
        try {
            assertThat(events(1000)).hasSize(1000);
            FlinkRest ui = new FlinkRest(rest);
            awaitPolls(ui, job, 8);
            LocalPostgres.execute("insert into " + table + " values (1001, 1.0, '" + T0 + "')");
            // pgjdbc moves a statement to binary transfer after 5 executions: 8 more polls
            awaitPolls(ui, job, 16);
            List<ConsumerRecord<byte[], byte[]>> events = events(1001);
            assertThat(events).hasSize(1001);
            assertThat(distinctValues(events)).hasSize(1001);
        } finally {
            job.cancel().get();
        }
    }

    private static void awaitPolls(FlinkRest ui, JobClient job, long polls) {
        org.awaitility.Awaitility.await(polls + " polls or more")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                assertThat(
                                                ui.operatorMetric(
                                                        job.getJobID(),
                                                        "PostgresSource",
                                                        "numPolls"))
                                        .hasValueSatisfying(
                                                n -> assertThat(n).isGreaterThanOrEqualTo(polls)));
    }

    @Test
    void aKeylessDatasetAtParallelismTwoReadsEveryRowOnce() throws Exception {
        insert(300, T0, "keyless");
        JobSpec spec =
                specOf("    user_id: str\n    ts: {type: datetime, timestamp: true}", "ts", "10m");
        JobClient job = start(spec, 2, null);
        try {
            List<ConsumerRecord<byte[], byte[]>> events = events(300);
            assertThat(events).hasSize(300);
            assertThat(distinctValues(events)).hasSize(300);
            assertThat(events).allMatch(r -> r.key() == null);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void infinityGoesToErrorsAndTheRestArrives() throws Exception {
        insert(2, T0, "finite");
        LocalPostgres.execute(
                "insert into " + table + " (user_id, amount, ts) values ('inf', 1, 'infinity')");
        JobClient job = start(spec("", "10m"), 1, null);
        try {
            List<ConsumerRecord<byte[], byte[]>> errors =
                    LocalKafka.readCommitted(
                            prefix + "Transaction.errors", 1, WAIT, Duration.ofSeconds(1));
            assertThat(errors).hasSize(1);
            assertThat(headers(errors.get(0)).get("thyme.reason"))
                    .contains("column ts")
                    .contains("outside the datetime range");
            insert(1, T0.plusSeconds(1), "later");
            assertThat(events(3)).hasSize(3);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void sequenceValuesCommittedInReverseOrderAllArrive() throws Exception {
        JobSpec spec =
                specOf(
                        "    id: {type: int, key: true}\n    user_id: str\n"
                                + "    ts: {type: datetime, timestamp: true}",
                        "id",
                        "10m");
        JobClient job = start(spec, 1, null);
        try {
            for (int round = 0; round < 5; round++) {
                try (Connection slow = LocalPostgres.connect();
                        Connection fast = LocalPostgres.connect()) {
                    slow.setAutoCommit(false);
                    fast.setAutoCommit(false);
                    slow.createStatement()
                            .execute(
                                    "insert into "
                                            + table
                                            + " (user_id, amount, ts) values ('slow"
                                            + round
                                            + "', 1, now())");
                    fast.createStatement()
                            .execute(
                                    "insert into "
                                            + table
                                            + " (user_id, amount, ts) values ('fast"
                                            + round
                                            + "', 1, now())");
                    fast.commit();
                    int expected = round * 2 + 1;
                    assertThat(events(expected)).hasSize(expected);
                    slow.commit();
                }
            }
            List<ConsumerRecord<byte[], byte[]>> events = events(10);
            assertThat(events).hasSize(10);
            assertThat(distinctValues(events)).hasSize(10);
        } finally {
            job.cancel().get();
        }
    }
}
