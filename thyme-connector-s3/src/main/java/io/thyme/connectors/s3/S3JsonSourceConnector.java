package io.thyme.connectors.s3;

import io.thyme.conf.ConnectionSection;
import io.thyme.connectors.Connector;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.SourceFactory;
import java.util.List;

/** S3JsonSource: JSON Lines objects of the stores under {@code s3:}. */
public final class S3JsonSourceConnector implements Connector {

    @Override
    public ConnectorOptions options() {
        return new S3JsonSourceOptions();
    }

    @Override
    public List<ConnectionSection<?>> connectionSections() {
        return List.of(S3Connections.SECTION);
    }

    @Override
    public SourceFactory sourceFactory() {
        return new S3JsonSourceFactory();
    }
}
