package io.thyme.connectors.kafka;

import io.thyme.connectors.Connector;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.SourceFactory;

/**
 * KafkaSource: topics of the clusters under {@code kafka:}, which the core owns (the sink writes
 * there).
 */
public final class KafkaSourceConnector implements Connector {

    @Override
    public ConnectorOptions options() {
        return new KafkaSourceOptions();
    }

    @Override
    public SourceFactory sourceFactory() {
        return new KafkaSourceFactory();
    }
}
