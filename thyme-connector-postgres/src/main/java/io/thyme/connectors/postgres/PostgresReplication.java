package io.thyme.connectors.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The server-side parts of log-based capture, managed explicitly: the publication (limited to the
 * one table, never FOR ALL TABLES) is created before the job starts; the replication slot is
 * created by the source on its first start and kept across restarts, because it holds the position
 * the job resumes from. Both are dropped only by {@link #dropSlotAndPublication}: the {@code
 * cleanup} command, after the job is stopped for good. A forgotten slot keeps the write-ahead log
 * from being recycled and fills the disk.
 */
final class PostgresReplication {
    private PostgresReplication() {}

    /** What log-based capture needs from the server and the table; adds what is missing. */
    static void check(Connection connection, String[] table, List<String> problems)
            throws SQLException {
        String walLevel = single(connection, "show wal_level");
        if (!"logical".equals(walLevel)) {
            problems.add(
                    "wal_level is '"
                            + walLevel
                            + "'; log-based capture needs wal_level = logical (postgresql.conf,"
                            + " then restart the server)");
        }
        try (PreparedStatement query =
                connection.prepareStatement(
                        "select c.relreplident from pg_class c join pg_namespace n on n.oid ="
                                + " c.relnamespace where n.nspname = ? and c.relname = ?")) {
            query.setString(1, table[0]);
            query.setString(2, table[1]);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next() && !"f".equals(rows.getString(1))) {
                    problems.add(
                            String.format(
                                    "table %s.%s does not log whole rows, so an update or delete"
                                            + " would come without the old row (and its event"
                                            + " time); run: alter table %s.%s replica identity"
                                            + " full",
                                    table[0], table[1], quote(table[0]), quote(table[1])));
                }
            }
        }
    }

    /** Creates the publication for the table unless it exists; returns whether it created it. */
    static boolean ensurePublication(Connection connection, String publication, String[] table)
            throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select 1 from pg_publication where pubname = ?")) {
            query.setString(1, publication);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute(
                    "create publication "
                            + quote(publication)
                            + " for table "
                            + quote(table[0])
                            + "."
                            + quote(table[1]));
        }
        return true;
    }

    /** Drops the slot and the publication if they exist; returns what was dropped. */
    static List<String> dropSlotAndPublication(
            Connection connection, String slot, String publication) throws SQLException {
        List<String> dropped = new java.util.ArrayList<>();
        awaitInactive(connection, slot);
        try (PreparedStatement drop =
                connection.prepareStatement(
                        "select pg_drop_replication_slot(slot_name) from pg_replication_slots"
                                + " where slot_name = ?")) {
            drop.setString(1, slot);
            try (ResultSet rows = drop.executeQuery()) {
                if (rows.next()) {
                    dropped.add("replication slot " + slot);
                }
            }
        }
        try (PreparedStatement query =
                connection.prepareStatement("select 1 from pg_publication where pubname = ?")) {
            query.setString(1, publication);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    try (Statement drop = connection.createStatement()) {
                        drop.execute("drop publication " + quote(publication));
                    }
                    dropped.add("publication " + publication);
                }
            }
        }
        return dropped;
    }

    /**
     * A job that was just stopped may hold its replication connection for a moment; a slot that
     * stays in use is a job still running, which must be stopped first.
     */
    private static void awaitInactive(Connection connection, String slot) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (true) {
            Integer pid = null;
            try (PreparedStatement query =
                    connection.prepareStatement(
                            "select active_pid from pg_replication_slots where slot_name = ? and"
                                    + " active")) {
                query.setString(1, slot);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        pid = rows.getInt(1);
                    }
                }
            }
            if (pid == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SQLException(
                        "replication slot "
                                + slot
                                + " is in use by server process "
                                + pid
                                + ": a job is still reading it. Stop the job (flink stop or"
                                + " cancel), then run cleanup again.");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for slot " + slot, e);
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
