package io.thyme.connectors.postgres;

import io.thyme.event.EventSchema;
import io.thyme.polling.Poll;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.SplitPoller;
import io.thyme.polling.split.PollingSplit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls a Postgres table in snapshots ({@link PostgresSnapshotPoll}), one connection per split so
 * that the splits of one reader can each hold their poll's transaction. Sessions run in UTC with
 * ISO dates, so that the text the database hashes into buckets is the same in every session.
 */
final class PostgresSnapshotPoller implements SplitPoller {
    private final PostgresConnection database;
    private final String tableName;
    private final EventSchema schema;
    private final String cursor;
    private final PollingSettings settings;
    private final Map<String, Connection> connections = new HashMap<>();
    private PostgresTable table;

    PostgresSnapshotPoller(
            PostgresConnection database,
            String tableName,
            EventSchema schema,
            String cursor,
            PollingSettings settings) {
        this.database = database;
        this.tableName = tableName;
        this.schema = schema;
        this.cursor = cursor;
        this.settings = settings;
    }

    @Override
    public Poll open(PollingSplit split) throws SQLException {
        try {
            Connection connection = connection(split.splitId());
            return PostgresSnapshotPoll.open(
                    connection,
                    new PostgresSnapshotQuery(table, schema.dataset(), cursor),
                    new PostgresRowDecoder(schema, table, cursor),
                    split,
                    settings,
                    origin());
        } catch (SQLException e) {
            drop(split.splitId());
            throw new SQLException(
                    "reading " + tableName + " from " + database.jdbcUrl() + ": " + e.getMessage(),
                    e);
        }
    }

    private Connection connection(String splitId) throws SQLException {
        Connection connection = connections.get(splitId);
        if (connection != null && !connection.isClosed()) {
            return connection;
        }
        connection = database.connect();
        try (Statement session = connection.createStatement()) {
            session.execute("set TimeZone = 'UTC'; set DateStyle = 'ISO, YMD'");
        }
        if (table == null) {
            List<String> problems = new ArrayList<>();
            PostgresTable described =
                    PostgresTable.describe(
                            connection,
                            tableName,
                            schema.dataset(),
                            cursor,
                            problems,
                            new ArrayList<>());
            if (!problems.isEmpty()) {
                connection.close();
                throw new SQLException(String.join("; ", problems));
            }
            table = described;
        }
        connections.put(splitId, connection);
        return connection;
    }

    private String origin() {
        return "postgres://"
                + database.host()
                + ":"
                + database.port()
                + "/"
                + database.database()
                + "/"
                + table.displayName()
                + "@";
    }

    private void drop(String splitId) {
        Connection connection = connections.remove(splitId);
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // dropped after a failure; a new connection is opened for the next poll
            }
        }
    }

    @Override
    public void close() {
        for (String splitId : new ArrayList<>(connections.keySet())) {
            drop(splitId);
        }
    }
}
