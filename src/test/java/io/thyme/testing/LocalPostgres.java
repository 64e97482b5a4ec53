package io.thyme.testing;

import static org.assertj.core.api.Assertions.fail;

import io.thyme.connectors.postgres.PostgresConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * The real PostgreSQL the tests use, started by {@code scripts/postgres.sh} (the test command
 * starts it on {@code THYME_PG_PORT}, default 5432; database, user and password {@code thyme}).
 */
public final class LocalPostgres {
    private LocalPostgres() {}

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
}
