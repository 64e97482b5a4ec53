package io.thyme.connectors.snowflake;

import io.thyme.conf.ConnectionSection;
import io.thyme.connectors.Connector;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.SourceFactory;
import java.util.List;

/** SnowflakeSource: tables of the accounts under {@code snowflake:}. */
public final class SnowflakeSourceConnector implements Connector {

    @Override
    public ConnectorOptions options() {
        return new SnowflakeSourceOptions();
    }

    @Override
    public List<ConnectionSection<?>> connectionSections() {
        return List.of(SnowflakeConnections.SECTION);
    }

    @Override
    public SourceFactory sourceFactory() {
        return new SnowflakeSourceFactory();
    }
}
