package io.thyme.connectors.bigquery;

import io.thyme.conf.ConnectionSection;
import io.thyme.connectors.Connector;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.SourceFactory;
import java.util.List;

/** BigQuerySource: tables of the projects under {@code bigquery:}. */
public final class BigQuerySourceConnector implements Connector {

    @Override
    public ConnectorOptions options() {
        return new BigQuerySourceOptions();
    }

    @Override
    public List<ConnectionSection<?>> connectionSections() {
        return List.of(BigQueryConnections.SECTION);
    }

    @Override
    public SourceFactory sourceFactory() {
        return new BigQuerySourceFactory();
    }
}
