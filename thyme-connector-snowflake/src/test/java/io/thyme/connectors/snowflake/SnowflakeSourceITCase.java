package io.thyme.connectors.snowflake;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.sql.WarehouseSourceITCase;
import io.thyme.testing.peers.SnowflakePeer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * SnowflakeSource on a MiniCluster into a real Kafka broker; the table (TIMESTAMP_NTZ cursor) lives
 * on the Snowflake peer (DuckDB behind Snowflake's REST protocol) and is written through
 * Snowflake's JDBC driver.
 */
class SnowflakeSourceITCase extends WarehouseSourceITCase {
    private static SnowflakePeer peer;
    private static SnowflakeConnection account;

    @BeforeAll
    static void startPeer() throws Exception {
        peer = SnowflakePeer.start("thyme", "s3cret", null, "THYME", "EVENTS");
        account =
                new SnowflakeConnection(
                        "sf",
                        "peer-account",
                        "thyme",
                        "s3cret",
                        "",
                        "",
                        "PEER_WH",
                        "",
                        "THYME",
                        "EVENTS",
                        peer.url(),
                        Map.of());
    }

    @AfterAll
    static void stopPeer() throws Exception {
        peer.close();
    }

    private static void run(String sql) throws Exception {
        try (Connection connection = SnowflakeClients.connect(account);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    protected String kind() {
        return "SnowflakeSource";
    }

    @Override
    protected ThymeConf withConnection(ThymeConf conf) {
        return conf.withConnections(SnowflakeConnections.SECTION, Map.of("sf", account));
    }

    @Override
    protected String connector(String table) {
        return "connection: sf, table: " + table;
    }

    @Override
    protected void createTable(String table) throws Exception {
        run(
                "CREATE TABLE "
                        + table
                        + " (id NUMBER(38,0), user_id VARCHAR, amount NUMBER(38,0),"
                        + " ts TIMESTAMP_NTZ, note VARCHAR)");
    }

    @Override
    protected void createMismatchedTable(String table) throws Exception {
        run(
                "CREATE TABLE "
                        + table
                        + " (id NUMBER(38,0), country VARCHAR, amount BOOLEAN, ts TIMESTAMP_NTZ)");
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
                            + ", '"
                            + LocalDateTime.ofInstant(row.ts(), ZoneOffset.UTC)
                            + "', "
                            + literal(row.note())
                            + ")");
        }
        run("INSERT INTO " + table + " VALUES " + String.join(", ", values));
    }

    private static String literal(String text) {
        return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
    }

    @Override
    protected void update(String table, long id, String note, Instant ts) throws Exception {
        try (Connection connection = SnowflakeClients.connect(account);
                PreparedStatement update =
                        connection.prepareStatement(
                                "UPDATE " + table + " SET note = ?, ts = ? WHERE id = ?")) {
            update.setString(1, note);
            update.setTimestamp(2, Timestamp.from(ts));
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    @Override
    protected String originPrefix(String table) {
        return "snowflake://peer-account/THYME.EVENTS." + table + "?ts=";
    }
}
