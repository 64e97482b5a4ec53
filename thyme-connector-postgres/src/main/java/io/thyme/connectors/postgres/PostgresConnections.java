package io.thyme.connectors.postgres;

import io.thyme.conf.ConnectionEntry;
import io.thyme.conf.ConnectionSection;
import java.util.List;

/** The {@code postgres:} section of {@code conf/thyme.yaml}: databases by name. */
public final class PostgresConnections {
    public static final ConnectionSection<PostgresConnection> SECTION =
            new ConnectionSection<>(
                    "postgres", "database", PostgresConnection.class, PostgresConnections::read);

    private static final int DEFAULT_PORT = 5432;

    private PostgresConnections() {}

    static PostgresConnection read(ConnectionEntry db) {
        db.acceptOnly(List.of("host", "port", "database", "user", "password", "properties"));
        return new PostgresConnection(
                db.name(),
                db.required("host"),
                db.port("port", DEFAULT_PORT),
                db.required("database"),
                db.required("user"),
                db.requiredMayBeEmpty("password"),
                db.properties());
    }
}
