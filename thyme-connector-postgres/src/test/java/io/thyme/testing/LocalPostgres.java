package io.thyme.testing;

import static org.assertj.core.api.Assertions.fail;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.postgres.PostgresConnection;
import io.thyme.connectors.postgres.PostgresConnections;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The real PostgreSQL the tests use, started by {@code scripts/postgres.sh} (the test command
 * starts it on {@code THYME_PG_PORT}, default 5432; database, user and password {@code thyme}).
 */
public final class LocalPostgres {
    private LocalPostgres() {}

    /**
     * A conf sinking to the broker at {@code bootstrapServers} with the test database as Postgres
     * connection {@code pg}.
     */
    public static ThymeConf conf(
            String bootstrapServers, String topicPrefix, Duration checkpointInterval) {
        return TestConf.sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval)
                .withConnections(PostgresConnections.SECTION, Map.of("pg", connection("pg")));
    }

    public static int port() {
        return Integer.parseInt(Optional.ofNullable(System.getenv("THYME_PG_PORT")).orElse("5432"));
    }

    public static PostgresConnection connection(String name) {
        return new PostgresConnection(
                name, "127.0.0.1", port(), "thyme", "thyme", "thyme", Map.of());
    }

    public static Connection connect() throws SQLException {
        PostgresConnection db = connection("test");
        return db.connect();
    }

    public static void requireRunning() {
        try (Connection ignored = connect()) {
            return;
        } catch (SQLException e) {
            fail(
                    "no PostgreSQL at 127.0.0.1:%d; start it with scripts/postgres.sh start (or run"
                            + " scripts/test.sh, which does): %s",
                    port(), e.getMessage());
        }
    }

    public static void execute(String... statements) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * The User dataset (id key, name, ts) read from the log of {@code table} (cdc debezium, slot
     * named as the table) of the connection {@code pg}, {@code maxLateness} behind.
     */
    public static JobSpec userLogSpec(ThymeConf conf, String table, String maxLateness) {
        return new SpecLoader(conf)
                .parse(
                        "users.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: User",
                                "  fields:",
                                "    id: {type: int, key: true}",
                                "    name: str",
                                "    ts: {type: datetime, timestamp: true}",
                                "source:",
                                "  connector: {kind: PostgresSource, database: pg, table: "
                                        + table
                                        + ", slot_name: "
                                        + table
                                        + "}",
                                "  max_lateness: " + maxLateness,
                                "  cdc: debezium",
                                ""));
    }

    /**
     * Kills the walsender streaming replication slot {@code slot}, if one is connected now; returns
     * whether one was (a log source between connections has none: call it again).
     */
    public static boolean terminateWalsender(String slot) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                java.sql.ResultSet killed =
                        statement.executeQuery(
                                "select pg_terminate_backend(active_pid) from pg_replication_slots"
                                        + " where slot_name = '"
                                        + slot
                                        + "' and active_pid is not null")) {
            return killed.next() && killed.getBoolean(1);
        }
    }
}
