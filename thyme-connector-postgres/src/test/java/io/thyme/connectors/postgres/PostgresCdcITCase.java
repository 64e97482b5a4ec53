package io.thyme.connectors.postgres;

import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.sink.PreflightException;
import io.thyme.spec.JobSpec;
import io.thyme.testing.FlinkLines;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import io.thyme.testing.TestJobs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * PostgresSource with cdc debezium: the table's write-ahead log through Flink CDC, on a MiniCluster
 * against a real PostgreSQL (wal_level=logical) and a real Kafka broker.
 */
class PostgresCdcITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @TempDir Path savepoints;
    private String table;
    private String prefix;
    private ThymeConf conf;

    @BeforeAll
    static void serversAreUp() {
        FlinkLines.assumeFlinkCdcRuns();
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
    }

    @BeforeEach
    void createTable() throws Exception {
        table = LocalKafka.unique("users").replace('-', '_');
        prefix = LocalKafka.unique("wal") + ".";
        conf = LocalPostgres.conf(LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500));
        LocalPostgres.execute(
                "create table "
                        + table
                        + " (id bigint primary key, name text not null, ts timestamptz not null)");
    }

    private JobSpec spec() {
        return LocalPostgres.userLogSpec(conf, table, "5m");
    }

    private List<ConsumerRecord<byte[], byte[]>> events(int expected) {
        return LocalKafka.readCommitted(prefix + "User", expected, WAIT, SETTLE);
    }

    private static String change(ConsumerRecord<byte[], byte[]> record) {
        return text(record.key())
                + " "
                + headers(record).get("thyme.change")
                + " "
                + (record.value() == null
                        ? "null"
                        : text(record.value()).replaceAll(",\"ts\".*", ""));
    }

    private static Instant tsOf(ConsumerRecord<byte[], byte[]> record) {
        Matcher ts = Pattern.compile("\"ts\":\"([^\"]+)\"").matcher(text(record.value()));
        assertThat(ts.find()).as(text(record.value())).isTrue();
        return Instant.parse(ts.group(1));
    }

    private Instant dbTs(long id) throws Exception {
        try (Connection connection = LocalPostgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select ts from " + table + " where id = " + id)) {
            rows.next();
            return rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }

    private boolean slotExists(String slot) throws Exception {
        try (Connection connection = LocalPostgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "select 1 from pg_replication_slots where slot_name = '"
                                        + slot
                                        + "'")) {
            return rows.next();
        }
    }

    @Test
    void snapshotThenInsertsUpdatesAndDeletesInOrderAcrossASavepointThenCleanup() throws Exception {
        LocalPostgres.execute(
                "alter table " + table + " replica identity full",
                "insert into "
                        + table
                        + " values (1, 'a', now() - interval '30 seconds'),"
                        + " (2, 'b', now() - interval '30 seconds'),"
                        + " (3, 'c', now() - interval '30 seconds')");
        JobClient first = TestJobs.start(conf, spec());
        assertThat(events(3))
                .extracting(PostgresCdcITCase::change)
                .containsExactlyInAnyOrder(
                        "{\"id\":1} insert {\"id\":1,\"name\":\"a\"",
                        "{\"id\":2} insert {\"id\":2,\"name\":\"b\"",
                        "{\"id\":3} insert {\"id\":3,\"name\":\"c\"");

        LocalPostgres.execute(
                "insert into " + table + " values (4, 'd', now())",
                "update " + table + " set name = 'b2', ts = now() where id = 2",
                "delete from " + table + " where id = 3");
        List<ConsumerRecord<byte[], byte[]>> live = events(6);
        assertThat(live.subList(3, live.size()))
                .extracting(PostgresCdcITCase::change)
                .containsExactly(
                        "{\"id\":4} insert {\"id\":4,\"name\":\"d\"",
                        "{\"id\":2} update {\"id\":2,\"name\":\"b2\"",
                        "{\"id\":3} delete null");
        assertThat(live).hasSize(6);
        assertThat(tsOf(live.get(4)))
                .as("the event time of the update is the row's new ts, to the microsecond")
                .isEqualTo(dbTs(2));

        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        assertThat(slotExists(table))
                .as("the slot outlives a stop: it holds the position")
                .isTrue();
        LocalPostgres.execute(
                "insert into " + table + " values (5, 'e', now())",
                "update " + table + " set name = 'd2', ts = now() where id = 4");
        JobClient second = TestJobs.start(conf, spec(), 1, TestJobs.restoringFrom(savepoint));
        try {
            LocalPostgres.execute("delete from " + table + " where id = 1");
            List<ConsumerRecord<byte[], byte[]>> all = events(9);
            assertThat(all).hasSize(9);
            assertThat(all.subList(6, 9))
                    .extracting(PostgresCdcITCase::change)
                    .containsExactly(
                            "{\"id\":5} insert {\"id\":5,\"name\":\"e\"",
                            "{\"id\":4} update {\"id\":4,\"name\":\"d2\"",
                            "{\"id\":1} delete null");
        } finally {
            second.cancel().get();
        }

        assertThat(new PostgresLogCleanup().run(spec(), conf))
                .containsExactly("replication slot " + table, "publication " + table + "_pub");
        assertThat(slotExists(table)).isFalse();
        assertThat(new PostgresLogCleanup().run(spec(), conf)).as("nothing left to drop").isEmpty();
    }

    @Test
    void refusesATableThatDoesNotLogWholeRows() {
        assertThatThrownBy(() -> TestJobs.assemble(conf, spec()))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("does not log whole rows")
                .hasMessageContaining("replica identity full");
    }
}
