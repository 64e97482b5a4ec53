package io.thyme.connectors.sql;

import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.event.FieldValues;
import io.thyme.sink.PreflightException;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import io.thyme.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline of a polling warehouse source (BigQuery, Snowflake) into a real Kafka broker:
 * each subclass supplies a table on its warehouse peer, written through the warehouse's own client,
 * and the spec's connector.
 */
public abstract class WarehouseSourceITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** One row of the test table: id, user_id, amount, ts, note. */
    protected record TestRow(long id, String userId, long amount, Instant ts, String note) {}

    @TempDir Path savepoints;
    protected String table;
    private String prefix;
    private ThymeConf conf;

    /** Rows a little older than now, so that quiet polls do not make them late. */
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    /** The spec's connector kind, e.g. BigQuerySource. */
    protected abstract String kind();

    /** Adds this warehouse's connection to a conf. */
    protected abstract ThymeConf withConnection(ThymeConf conf);

    /** The connector mapping's entries after kind, e.g. {@code connection: bq, table: t}. */
    protected abstract String connector(String table);

    /**
     * Creates the table: id integer, user_id text, amount integer, ts timestamp, note text; all
     * nullable.
     */
    protected abstract void createTable(String table) throws Exception;

    /** Creates a table with id integer, country text, amount boolean, ts timestamp. */
    protected abstract void createMismatchedTable(String table) throws Exception;

    protected abstract void insert(String table, List<TestRow> rows) throws Exception;

    /** Sets a row's note and ts, by id. */
    protected abstract void update(String table, long id, String note, Instant ts) throws Exception;

    /** What the origin header of a bad row of this table starts with. */
    protected abstract String originPrefix(String table);

    @BeforeEach
    void createTestTable() throws Exception {
        table = LocalKafka.unique("tx").replace('-', '_');
        prefix = LocalKafka.unique(kind().toLowerCase(java.util.Locale.ROOT)) + ".";
        conf =
                withConnection(
                        TestConf.sinkingTo(
                                LocalKafka.bootstrapServers(),
                                prefix,
                                prefix,
                                Duration.ofMillis(500)));
        createTable(table);
    }

    private JobSpec spec(String extraConnector, String maxLateness, String cdc) {
        return new SpecLoader(conf)
                .parse(
                        "warehouse.yaml",
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
                                "  connector: {kind: "
                                        + kind()
                                        + ", "
                                        + connector(table)
                                        + extraConnector
                                        + "}",
                                "  cursor: ts",
                                "  every: 1s",
                                "  max_lateness: " + maxLateness,
                                "  cdc: " + cdc,
                                ""));
    }

    private JobClient start(JobSpec spec, String savepoint) throws Exception {
        Configuration settings = new Configuration();
        if (savepoint != null) {
            settings.setString("execution.state-recovery.path", savepoint);
        }
        return TestJobs.start(conf, spec, 1, settings);
    }

    private void insert(long firstId, int count, Instant ts, String user) throws Exception {
        List<TestRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new TestRow(firstId + i, user + i, i, ts, null));
        }
        insert(table, rows);
    }

    private List<ConsumerRecord<byte[], byte[]>> events(int expected) {
        return LocalKafka.readCommitted(
                prefix + "Transaction", expected, WAIT, Duration.ofSeconds(3));
    }

    private static Set<String> distinctValues(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> text(r.value())).collect(Collectors.toSet());
    }

    @Test
    void rowsInsertedWhileRunningArriveOnceAndBadRowsGoToErrors() throws Exception {
        insert(1, 3, t0, "early");
        insert(table, List.of(new TestRow(4, null, 1, t0, "no user")));
        JobClient job = start(spec("", "1h", "append"), null);
        try {
            assertThat(events(3)).hasSize(3);
            insert(5, 2, t0.plusSeconds(60), "late");
            List<ConsumerRecord<byte[], byte[]>> events = events(5);
            assertThat(events).hasSize(5);
            assertThat(distinctValues(events)).hasSize(5);
            assertThat(text(events.get(3).value()))
                    .isEqualTo(
                            "{\"id\":5,\"user_id\":\"late0\",\"amount\":0,\"ts\":\""
                                    + FieldValues.formatDatetime(t0.plusSeconds(60))
                                    + "\",\"note\":null}");
            assertThat(text(events.get(3).key())).isEqualTo("{\"id\":5}");

            List<ConsumerRecord<byte[], byte[]>> errors =
                    LocalKafka.readCommitted(
                            prefix + "Transaction.errors", 1, WAIT, Duration.ofSeconds(1));
            assertThat(errors).hasSize(1);
            assertThat(headers(errors.get(0)).get("thyme.reason"))
                    .isEqualTo(
                            "column user_id: is null but the field is str; declare it"
                                    + " Optional[str]");
            assertThat(headers(errors.get(0)).get("thyme.origin")).startsWith(originPrefix(table));
            assertThat(text(errors.get(0).value())).contains("no user");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void rowsSharingOneCursorValueArriveOnceAcrossBatchesAndLaterInserts() throws Exception {
        insert(1, 1000, t0, "tie");
        JobClient job = start(spec(", batch_size: 100", "10m", "append"), null);
        try {
            assertThat(distinctValues(events(1000))).hasSize(1000);
            insert(1001, 10, t0, "tie-later");
            List<ConsumerRecord<byte[], byte[]>> events = events(1010);
            assertThat(events).hasSize(1010);
            assertThat(distinctValues(events)).hasSize(1010);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void restoresFromASavepointWithoutLossOrRepeat() throws Exception {
        insert(1, 100, t0, "before");
        JobClient first = start(spec(", batch_size: 30", "1m", "append"), null);
        String savepoint;
        try {
            assertThat(events(100)).hasSize(100);
        } catch (AssertionError e) {
            first.cancel().get();
            throw e;
        }
        savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        insert(101, 50, t0.plusSeconds(1), "while-stopped");
        JobClient second = start(spec(", batch_size: 30", "1m", "append"), savepoint);
        try {
            List<ConsumerRecord<byte[], byte[]>> events = events(150);
            assertThat(events).hasSize(150);
            assertThat(distinctValues(events)).hasSize(150);
        } finally {
            second.cancel().get();
        }
    }

    @Test
    void upsertTurnsUpdatedRowsIntoUpdatesAndDropsNoOpUpdates() throws Exception {
        insert(1, 2, t0, "user");
        JobClient job = start(spec("", "10m", "upsert"), null);
        try {
            assertThat(events(2)).hasSize(2);
            update(table, 1, "changed", t0.plusSeconds(1));
            update(table, 2, null, t0);
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

    @Test
    void aRowBehindTheWatermarkGoesToTheLateTopic() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        insert(1, 1, now.minus(Duration.ofMinutes(30)), "old");
        JobClient job = start(spec("", "1m", "append"), null);
        try {
            assertThat(events(1)).hasSize(1);
            insert(2, 1, now.minus(Duration.ofMinutes(20)), "behind-the-clock");
            List<ConsumerRecord<byte[], byte[]>> late =
                    LocalKafka.readCommitted(
                            prefix + "Transaction.late", 1, WAIT, Duration.ofSeconds(1));
            assertThat(late).hasSize(1);
            assertThat(text(late.get(0).value())).contains("behind-the-clock0");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void refusesToStartWhenColumnsAreMissingOrDoNotFit() throws Exception {
        String narrow = table + "_narrow";
        createMismatchedTable(narrow);
        JobSpec spec =
                new SpecLoader(conf)
                        .parse(
                                "warehouse.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: Transaction",
                                        "  fields:",
                                        "    id: {type: int, key: true}",
                                        "    user_id: str",
                                        "    amount: int",
                                        "    ts: {type: datetime, timestamp: true}",
                                        "source:",
                                        "  connector: {kind: "
                                                + kind()
                                                + ", "
                                                + connector(narrow)
                                                + "}",
                                        "  cursor: ts",
                                        "  every: 1s",
                                        ""));
        assertThatThrownBy(() -> TestJobs.assemble(conf, spec))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining(kind() + " cannot read")
                .hasMessageContaining("field user_id has no column")
                .hasMessageContaining("field amount is int but column amount is");
    }
}
