package io.thyme.connectors;

import io.thyme.conf.ConnectionSection;
import java.util.List;
import java.util.Optional;

/**
 * A connector, as the core sees it: found through {@link java.util.ServiceLoader} (each connector
 * lists its implementation in {@code META-INF/services/io.thyme.connectors.Connector}), so the core
 * names none. It declares its kind and spec options, the sections of {@code conf/thyme.yaml} it
 * owns, and builds its Flink source. {@link #options()} and {@link #connectionSections()} must not
 * need Flink: the {@code validate} command runs them with the jar alone.
 */
public interface Connector {

    /** The spec parameters and their checks; its {@link ConnectorOptions#kind()} names this. */
    ConnectorOptions options();

    /** The conf sections whose connections this connector's specs refer to; may be shared. */
    default List<ConnectionSection<?>> connectionSections() {
        return List.of();
    }

    /** The Flink side, created only when a job is built. */
    SourceFactory sourceFactory();

    /**
     * What the {@code cleanup} command releases for a dataset of this connector once its job is
     * gone for good (a replication slot, say); empty when the connector leaves nothing behind.
     */
    default Optional<SourceCleanup> cleanup() {
        return Optional.empty();
    }
}
