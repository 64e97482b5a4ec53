package io.thyme.connectors.kinesis;

import io.thyme.conf.ConnectionSection;
import io.thyme.connectors.Connector;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.SourceFactory;
import java.util.List;

/** KinesisSource: streams of the accounts under {@code kinesis:}. */
public final class KinesisSourceConnector implements Connector {

    @Override
    public ConnectorOptions options() {
        return new KinesisSourceOptions();
    }

    @Override
    public List<ConnectionSection<?>> connectionSections() {
        return List.of(KinesisConnections.SECTION);
    }

    @Override
    public SourceFactory sourceFactory() {
        return new KinesisSourceFactory();
    }
}
