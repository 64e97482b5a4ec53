package io.thyme.connectors.bigquery;

import static io.thyme.connectors.sql.PollerPages.EVENTS;
import static io.thyme.connectors.sql.PollerPages.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.QueryJobConfiguration;
import io.thyme.event.EventSchema;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.TablePoller.Page;
import io.thyme.polling.TablePoller.PagePosition;
import io.thyme.polling.split.PollingSplit;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What BigQueryTablePoller promises, through Google's client: pages, ties, re-reads, types, bad
 * rows and table checks. {@link BigQueryTablePollerNoNetworkTest} holds it against the BigQuery
 * peer on every build; {@link BigQueryContractITCase} against the real service when credentials are
 * given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BigQueryTablePollerContract {

    private BigQueryConnection connection;
    private BigQuery client;
    private String dataset;

    /** The connection to test through; the dataset is created and dropped by this class. */
    protected abstract BigQueryConnection open() throws Exception;

    protected abstract String datasetName();

    protected void closeUp() throws Exception {}

    @BeforeAll
    void createDataset() throws Exception {
        connection = open();
        dataset = datasetName();
        client = BigQueryClients.create(connection);
        run("CREATE SCHEMA `" + connection.project() + "." + dataset + "`");
        run(
                "CREATE TABLE "
                        + path("poll")
                        + " (id INT64, name STRING, amount FLOAT64, ok BOOL, day DATE, ts"
                        + " TIMESTAMP)");
    }

    @AfterAll
    void dropDataset() throws Exception {
        try {
            run("DROP SCHEMA `" + connection.project() + "." + dataset + "` CASCADE");
        } finally {
            closeUp();
        }
    }

    private String path(String table) {
        return "`" + connection.project() + "." + dataset + "." + table + "`";
    }

    private void run(String sql) throws InterruptedException {
        client.query(QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).build());
    }

    private BigQueryTablePoller poller() {
        return poller("poll", "ts");
    }

    private BigQueryTablePoller poller(String table, String cursor) {
        return new BigQueryTablePoller(
                connection,
                new BigQueryTable(connection.project(), dataset, table),
                new EventSchema(EVENTS),
                cursor);
    }

    @Test
    void readsPagesInCursorOrderAndBreaksTiesAcrossPages() throws Exception {
        run("DELETE FROM " + path("poll") + " WHERE true");
        run(
                "INSERT INTO "
                        + path("poll")
                        + " VALUES"
                        + " (1, 'a', 1.5, true, DATE '2024-05-01', TIMESTAMP '2024-05-01 10:00:00+00'),"
                        + " (2, 'b', null, false, null, TIMESTAMP '2024-05-01 10:00:00+00'),"
                        + " (3, 'c', 3.0, null, null, TIMESTAMP '2024-05-01 10:00:00+00'),"
                        + " (4, 'd', 4.0, null, null, TIMESTAMP '2024-05-01 10:00:00.000001+00'),"
                        + " (5, 'e', 5.0, null, null, TIMESTAMP '2024-05-01 09:59:59+00')");
        List<Row> rows;
        try (BigQueryTablePoller poller = poller()) {
            rows = readAll(poller, 2);
        }
        assertThat(rows).extracting(r -> r.getField(0)).containsExactly(5L, 1L, 2L, 3L, 4L);
        Row first = rows.get(1);
        assertThat(first.getField(1)).isEqualTo("a");
        assertThat(first.getField(2)).isEqualTo(1.5);
        assertThat(first.getField(3)).isEqualTo(true);
        assertThat(first.getField(4)).isEqualTo(LocalDate.parse("2024-05-01"));
        assertThat(first.getField(5)).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(rows.get(4).getField(5)).isEqualTo(Instant.parse("2024-05-01T10:00:00.000001Z"));
    }

    @Test
    void rereadsFromACursorValueAndSendsNullsInRequiredFieldsToErrors() throws Exception {
        run("DELETE FROM " + path("poll") + " WHERE true");
        run(
                "INSERT INTO "
                        + path("poll")
                        + " VALUES"
                        + " (1, 'old', null, null, null, TIMESTAMP '2024-05-01 09:00:00+00'),"
                        + " (2, null, null, null, null, TIMESTAMP '2024-05-01 10:00:00+00'),"
                        + " (3, 'new', null, null, null, TIMESTAMP '2024-05-01 11:00:00+00')");
        try (BigQueryTablePoller poller = poller()) {
            Page page =
                    poller.read(
                            PollingSplit.initial(0, 1),
                            Optional.of(Instant.parse("2024-05-01T10:00:00Z")),
                            Optional.empty(),
                            10);
            assertThat(page.rows()).hasSize(2);
            PolledRecord bad = page.rows().get(0);
            assertThat(bad.decoded().isRight()).isTrue();
            assertThat(bad.decoded().right().reason)
                    .isEqualTo(
                            "column name: is null but the field is str; declare it Optional[str]");
            assertThat(bad.decoded().right().origin)
                    .isEqualTo(
                            "bigquery://"
                                    + connection.project()
                                    + "."
                                    + dataset
                                    + ".poll?ts=2024-05-01T10:00:00Z");
            assertThat(page.rows().get(1).decoded().left().getField(1)).isEqualTo("new");
            assertThat(page.end())
                    .map(PagePosition::cursor)
                    .hasValue(Instant.parse("2024-05-01T11:00:00Z"));
        }
    }

    @Test
    void pagesByIntDateAndDatetimeCursorsWithBoundValues() throws Exception {
        run(
                "CREATE TABLE "
                        + path("keyed")
                        + " (id INT64, name STRING, amount FLOAT64, ok BOOL, day DATE, ts DATETIME)");
        run(
                "INSERT INTO "
                        + path("keyed")
                        + " VALUES"
                        + " (1, 'a', null, null, DATE '2024-05-01', DATETIME '2024-05-01 10:00:00'),"
                        + " (2, 'b', null, null, DATE '2024-05-01', DATETIME '2024-05-01 10:00:00'),"
                        + " (3, 'c', null, null, DATE '2024-05-02', DATETIME '2024-05-01 10:00:00.000001'),"
                        + " (4, 'd', null, null, DATE '2024-05-03', DATETIME '2024-05-01 11:00:00')");
        try (BigQueryTablePoller byId = poller("keyed", "id")) {
            assertThat(readAll(byId, 1))
                    .extracting(r -> r.getField(0))
                    .containsExactly(1L, 2L, 3L, 4L);
            Page from3 =
                    byId.read(PollingSplit.initial(0, 1), Optional.of(3L), Optional.empty(), 10);
            assertThat(from3.rows())
                    .extracting(r -> r.decoded().left().getField(0))
                    .containsExactly(3L, 4L);
        }
        try (BigQueryTablePoller byDay = poller("keyed", "day")) {
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
        try (BigQueryTablePoller byDatetime = poller("keyed", "ts")) {
            assertThat(readAll(byDatetime, 1))
                    .extracting(r -> r.getField(0))
                    .containsExactly(1L, 2L, 3L, 4L);
            Page fromMicro =
                    byDatetime.read(
                            PollingSplit.initial(0, 1),
                            Optional.of(Instant.parse("2024-05-01T10:00:00.000001Z")),
                            Optional.empty(),
                            10);
            assertThat(fromMicro.rows())
                    .extracting(r -> r.decoded().left().getField(0))
                    .containsExactly(3L, 4L);
            assertThat(fromMicro.rows().get(0).decoded().left().getField(5))
                    .isEqualTo(Instant.parse("2024-05-01T10:00:00.000001Z"));
        }
    }

    @Test
    void describingATableNamesMissingColumnsAndTypesThatDoNotFit() throws Exception {
        run("CREATE TABLE " + path("narrow") + " (id STRING, ts DATETIME)");
        List<String> problems = new ArrayList<>();
        new BigQueryTable(connection.project(), dataset, "narrow")
                .describe(client, EVENTS, problems);
        assertThat(problems)
                .contains(
                        "field id is int but column id is STRING; it can read [INT64]",
                        "field name has no column in "
                                + connection.project()
                                + "."
                                + dataset
                                + ".narrow; its columns: id, ts");
    }
}
