package io.thyme.connectors.snowflake;

import static io.thyme.connectors.sql.PollerPages.EVENTS;
import static io.thyme.connectors.sql.PollerPages.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.event.EventSchema;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.TablePoller.Page;
import io.thyme.polling.split.PollingSplit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What SnowflakeTablePoller promises, through Snowflake's JDBC driver: pages, ties, re-reads,
 * types, bad rows and table checks, in a schema of its own. {@link
 * SnowflakeTablePollerNoNetworkTest} holds it against the Snowflake peer on every build; {@link
 * SnowflakeContractITCase} against a real account when credentials are given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SnowflakeTablePollerContract {

    protected SnowflakeConnection account;
    private String schema;

    /** The account to test through, with the database the schema is created in. */
    protected abstract SnowflakeConnection open() throws Exception;

    protected void closeUp() throws Exception {}

    @BeforeAll
    void createSchema() throws Exception {
        SnowflakeConnection given = open();
        schema =
                "THYME_TEST_"
                        + UUID.randomUUID()
                                .toString()
                                .replace("-", "")
                                .substring(0, 10)
                                .toUpperCase(java.util.Locale.ROOT);
        account = given;
        run("CREATE SCHEMA " + schema);
    }

    @AfterAll
    void dropSchema() throws Exception {
        try {
            run("DROP SCHEMA " + schema + " CASCADE");
        } finally {
            closeUp();
        }
    }

    private void run(String... statements) throws SQLException {
        try (Connection connection = SnowflakeClients.connect(account);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private SnowflakeTablePoller poller(String table) {
        return poller(table, "ts");
    }

    private SnowflakeTablePoller poller(String table, String cursor) {
        return new SnowflakeTablePoller(
                account,
                new SnowflakeTable(account.database(), schema, table),
                new EventSchema(EVENTS),
                cursor);
    }

    @Test
    void readsPagesInCursorOrderAndBreaksTiesAcrossPages() throws Exception {
        run(
                "CREATE TABLE "
                        + schema
                        + ".ties (id NUMBER(38,0), name STRING, amount FLOAT, ok BOOLEAN,"
                        + " day DATE, ts TIMESTAMP_NTZ)",
                "INSERT INTO "
                        + schema
                        + ".ties VALUES"
                        + " (1, 'a', 1.5, true, '2024-05-01', '2024-05-01 10:00:00'),"
                        + " (2, 'b', null, false, null, '2024-05-01 10:00:00'),"
                        + " (3, 'c', 3.0, null, null, '2024-05-01 10:00:00'),"
                        + " (4, 'd', 4.0, null, null, '2024-05-01 10:00:00.000001'),"
                        + " (5, 'e', 5.0, null, null, '2024-05-01 09:59:59'),"
                        + " (6, 'f', null, null, '2024-03-10', '2024-03-10 02:30:00')");
        List<Row> rows;
        try (SnowflakeTablePoller poller = poller("ties")) {
            rows = readAll(poller, 2);
        }
        assertThat(rows).extracting(r -> r.getField(0)).containsExactly(6L, 5L, 1L, 2L, 3L, 4L);
        // A wall clock that does not exist in America/New_York (the NoNetwork tests' JVM zone)
        assertThat(rows.get(0).getField(5)).isEqualTo(Instant.parse("2024-03-10T02:30:00Z"));
        assertThat(rows.get(0).getField(4)).isEqualTo(LocalDate.parse("2024-03-10"));
        assertThat(rows.get(5).getField(5)).isEqualTo(Instant.parse("2024-05-01T10:00:00.000001Z"));
        Row first = rows.get(2);
        assertThat(first.getField(1)).isEqualTo("a");
        assertThat(first.getField(2)).isEqualTo(1.5);
        assertThat(first.getField(3)).isEqualTo(true);
        assertThat(first.getField(4)).isEqualTo(LocalDate.parse("2024-05-01"));
        assertThat(first.getField(5)).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void readsInstantCursorsAndSendsNullsInRequiredFieldsToErrors() throws Exception {
        run(
                "CREATE TABLE "
                        + schema
                        + ".instants (id NUMBER(38,0), name STRING, amount NUMBER(10,2),"
                        + " ok BOOLEAN, day DATE, ts TIMESTAMP_LTZ)",
                "INSERT INTO "
                        + schema
                        + ".instants VALUES"
                        + " (1, 'old', 1.25, null, null, '2024-05-01 09:00:00+00:00'),"
                        + " (2, null, null, null, null, '2024-05-01 10:00:00+00:00'),"
                        + " (3, 'new', null, null, null, '2024-05-01 11:00:00.123456+00:00')");
        try (SnowflakeTablePoller poller = poller("instants")) {
            Page page =
                    poller.read(
                            PollingSplit.initial(0, 1),
                            Optional.of(Instant.parse("2024-05-01T10:00:00Z")),
                            Optional.empty(),
                            10);
            assertThat(page.rows()).hasSize(2);
            PolledRecord bad = page.rows().get(0);
            assertThat(bad.decoded().right().reason)
                    .isEqualTo(
                            "column name: is null but the field is str; declare it Optional[str]");
            assertThat(bad.decoded().right().origin)
                    .isEqualTo(
                            "snowflake://"
                                    + account.account()
                                    + "/"
                                    + account.database()
                                    + "."
                                    + schema
                                    + ".instants?ts=2024-05-01T10:00:00Z");
            assertThat(page.rows().get(1).decoded().left().getField(5))
                    .isEqualTo(Instant.parse("2024-05-01T11:00:00.123456Z"));
            Page all =
                    poller.read(PollingSplit.initial(0, 1), Optional.empty(), Optional.empty(), 10);
            assertThat(all.rows()).hasSize(3);
            assertThat(all.rows().get(0).decoded().left().getField(2)).isEqualTo(1.25);
        }
    }

    @Test
    void pagesByIntAndDateCursorsWithBoundValues() throws Exception {
        run(
                "CREATE TABLE "
                        + schema
                        + ".keyed (id NUMBER(38,0), name STRING, amount FLOAT,"
                        + " ok BOOLEAN, day DATE, ts TIMESTAMP_TZ)",
                "INSERT INTO "
                        + schema
                        + ".keyed VALUES"
                        + " (1, 'a', null, null, '2024-05-01', '2024-05-01T10:00:00+02:00'),"
                        + " (2, 'b', null, null, '2024-05-01', '2024-05-01T10:00:00+02:00'),"
                        + " (3, 'c', null, null, '2024-05-02', '2024-05-01T10:00:00+02:00'),"
                        + " (4, 'd', null, null, '2024-05-03', '2024-05-01T10:00:00+02:00')");
        try (SnowflakeTablePoller byId = poller("keyed", "id")) {
            assertThat(readAll(byId, 1))
                    .extracting(r -> r.getField(0))
                    .containsExactly(1L, 2L, 3L, 4L);
            Page from3 =
                    byId.read(PollingSplit.initial(0, 1), Optional.of(3L), Optional.empty(), 10);
            assertThat(from3.rows())
                    .extracting(r -> r.decoded().left().getField(0))
                    .containsExactly(3L, 4L);
            assertThat(from3.rows().get(0).decoded().left().getField(5))
                    .isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        }
        try (SnowflakeTablePoller byDay = poller("keyed", "day")) {
            assertThat(readAll(byDay, 1))
                    .extracting(r -> r.getField(0))
                    .containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
            Page fromMay2 =
                    byDay.read(
                            PollingSplit.initial(0, 1),
                            Optional.of(LocalDate.parse("2024-05-02")),
                            Optional.empty(),
                            10);
            assertThat(fromMay2.rows())
                    .extracting(r -> r.decoded().left().getField(0))
                    .containsExactly(3L, 4L);
        }
    }

    @Test
    void describingATableNamesMissingColumnsAndTypesThatDoNotFit() throws Exception {
        run("CREATE TABLE " + schema + ".narrow (id STRING, ts TIMESTAMP_NTZ)");
        List<String> problems = new ArrayList<>();
        try (Connection connection = SnowflakeClients.connect(account)) {
            new SnowflakeTable(account.database(), schema, "narrow")
                    .describe(connection, EVENTS, problems);
        }
        assertThat(problems)
                .contains(
                        "field id is int but column id is VARCHAR; it can read [INTEGER]",
                        "field name has no column in "
                                + account.database()
                                + "."
                                + schema
                                + ".narrow; its columns: ID, TS");
    }
}
