package io.thyme.connectors;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;
import io.thyme.spec.Warnings;
import java.util.List;

/**
 * What a connector accepts in a spec, and the checks on it that need no Flink: the {@code validate}
 * command runs these with plain {@code java -jar}. The Flink side of a connector is its {@link
 * SourceFactory}.
 */
public interface ConnectorOptions {

    /** The connector's name in specs and in the guide, e.g. {@code KafkaSource}. */
    String kind();

    /** Streaming connectors consume continuously and ignore {@code every}; polling ones need it. */
    boolean streaming();

    /** Whether this source, as declared, streams (a connector may stream in one cdc mode only). */
    default boolean streaming(SourceSpec source) {
        return streaming();
    }

    List<ConnectorParameter> parameters();

    /**
     * Checks values the generic parameter check cannot: named connections, formats, and how the
     * connector fits the source's cursor, every and cdc. Adds to {@code problems} with paths under
     * {@code path} (e.g. {@code source.connector}).
     */
    void validate(
            ConnectorSpec connector,
            SourceSpec source,
            DatasetSpec dataset,
            ThymeConf conf,
            String path,
            Problems problems,
            Warnings warnings);
}
