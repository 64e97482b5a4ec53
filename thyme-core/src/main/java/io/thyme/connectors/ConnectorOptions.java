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

    /**
     * What the connector reads, in a sentence: the {@code connectors} command prints it, and the
     * Python package's connector classes carry it as their docstring.
     */
    String description();

    /** Streaming connectors consume continuously and ignore {@code every}; polling ones need it. */
    boolean streaming();

    /**
     * Whether the connector reads a table by its cursor: a spec must name one, unless {@link
     * #streamsLog} and cdc is debezium. The core checks it ({@link SourceShapeCheck}).
     */
    default boolean needsCursor() {
        return false;
    }

    /**
     * Whether its records can be Debezium envelopes, so that cdc debezium decodes them; rows of a
     * table polled by its cursor never are. The core checks it ({@link SourceShapeCheck}).
     */
    default boolean readsEnvelopes() {
        return true;
    }

    /** Whether cdc debezium streams the table's own log (instead of decoding envelopes). */
    default boolean streamsLog() {
        return false;
    }

    /** Whether this source, as declared, streams (a connector may stream in one cdc mode only). */
    default boolean streaming(SourceSpec source) {
        return streaming();
    }

    List<ConnectorParameter> parameters();

    /**
     * Checks values the generic parameter check cannot: named connections, formats, and how the
     * connector fits the source's cursor, every and cdc. Runs whatever else is wrong with the spec,
     * so it assumes no parameter is there: a required one that is missing or of the wrong type is
     * reported already and absent from {@code connector} (read parameters with {@link
     * ConnectorSpec#string}, never {@link ConnectorSpec#requiredString}). Adds to {@code problems}
     * with paths under {@code path} (e.g. {@code source.connector}).
     */
    void validate(
            ConnectorSpec connector,
            SourceSpec source,
            ThymeConf conf,
            String path,
            Problems problems,
            Warnings warnings);

    /**
     * Checks of how the connector fits the dataset's fields, e.g. the cursor's type; run after
     * {@link #validate}, and only when the dataset is valid. The same rules for {@code connector}
     * hold.
     */
    default void validateFields(
            ConnectorSpec connector,
            SourceSpec source,
            DatasetSpec dataset,
            String path,
            Problems problems) {}
}
