package io.thyme.connectors.postgres;

import io.thyme.conf.ConnectionSection;
import io.thyme.connectors.Connector;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.SourceCleanup;
import io.thyme.connectors.SourceFactory;
import java.util.List;
import java.util.Optional;

/** PostgresSource: tables of the databases under {@code postgres:}, polled or read from the log. */
public final class PostgresSourceConnector implements Connector {

    @Override
    public ConnectorOptions options() {
        return new PostgresSourceOptions();
    }

    @Override
    public List<ConnectionSection<?>> connectionSections() {
        return List.of(PostgresConnections.SECTION);
    }

    @Override
    public SourceFactory sourceFactory() {
        return new PostgresSourceFactory();
    }

    @Override
    public Optional<SourceCleanup> cleanup() {
        return Optional.of(new PostgresLogCleanup());
    }
}
