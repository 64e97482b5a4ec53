package io.thyme.connectors.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.sql.WarehouseSourceITCase;
import io.thyme.testing.peers.BigQueryPeer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * BigQuerySource on a MiniCluster into a real Kafka broker; the table lives on the BigQuery peer
 * (DuckDB behind BigQuery's REST API) and is written through Google's client.
 */
class BigQuerySourceITCase extends WarehouseSourceITCase {
    private static final String PROJECT = "thyme-test";
    private static BigQueryPeer peer;
    private static BigQueryConnection connection;
    private static BigQuery client;

    @BeforeAll
    static void startPeer() throws Exception {
        peer = BigQueryPeer.start();
        connection = new BigQueryConnection("bq", PROJECT, "none", "", peer.endpoint());
        client = BigQueryClients.create(connection);
        run("CREATE SCHEMA events");
    }

    @AfterAll
    static void stopPeer() throws Exception {
        peer.close();
    }

    private static void run(String sql) throws InterruptedException {
        client.query(QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).build());
    }

    private static String path(String table) {
        return "`" + PROJECT + ".events." + table + "`";
    }

    @Override
    protected String kind() {
        return "BigQuerySource";
    }

    @Override
    protected ThymeConf withConnection(ThymeConf conf) {
        return conf.withConnections(BigQueryConnections.SECTION, Map.of("bq", connection));
    }

    @Override
    protected String connector(String table) {
        return "connection: bq, dataset: events, table: " + table;
    }

    @Override
    protected void createTable(String table) throws Exception {
        run(
                "CREATE TABLE "
                        + path(table)
                        + " (id INT64, user_id STRING, amount INT64, ts TIMESTAMP, note STRING)");
    }

    @Override
    protected void createMismatchedTable(String table) throws Exception {
        run(
                "CREATE TABLE "
                        + path(table)
                        + " (id INT64, country STRING, amount BOOL, ts TIMESTAMP)");
    }

    @Override
    protected void insert(String table, List<TestRow> rows) throws Exception {
        List<String> values = new ArrayList<>();
        for (TestRow row : rows) {
            values.add(
                    "("
                            + row.id()
                            + ", "
                            + literal(row.userId())
                            + ", "
                            + row.amount()
                            + ", TIMESTAMP '"
                            + row.ts()
                            + "', "
                            + literal(row.note())
                            + ")");
        }
        run("INSERT INTO " + path(table) + " VALUES " + String.join(", ", values));
    }

    private static String literal(String text) {
        return text == null ? "NULL" : "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    protected void update(String table, long id, String note, Instant ts) throws Exception {
        client.query(
                QueryJobConfiguration.newBuilder(
                                "UPDATE "
                                        + path(table)
                                        + " SET note = @note, ts = @ts WHERE id = @id")
                        .setUseLegacySql(false)
                        .addNamedParameter("note", QueryParameterValue.string(note))
                        .addNamedParameter(
                                "ts",
                                QueryParameterValue.timestamp(
                                        ts.getEpochSecond() * 1_000_000L + ts.getNano() / 1_000))
                        .addNamedParameter("id", QueryParameterValue.int64(id))
                        .build());
    }

    @Override
    protected String originPrefix(String table) {
        return "bigquery://" + PROJECT + ".events." + table + "?ts=";
    }
}
