package io.thyme.connectors.iceberg;

import io.thyme.conf.ConnectionSection;
import io.thyme.connectors.Connector;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.SourceFactory;
import java.util.List;

/** IcebergSource: tables of the catalogs under {@code iceberg:}. */
public final class IcebergSourceConnector implements Connector {

    @Override
    public ConnectorOptions options() {
        return new IcebergSourceOptions();
    }

    @Override
    public List<ConnectionSection<?>> connectionSections() {
        return List.of(IcebergCatalogs.SECTION);
    }

    @Override
    public SourceFactory sourceFactory() {
        return new IcebergSourceFactory();
    }
}
