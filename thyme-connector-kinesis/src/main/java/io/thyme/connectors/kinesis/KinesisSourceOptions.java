package io.thyme.connectors.kinesis;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.ConnectorParameter;
import io.thyme.connectors.NamedConnectionCheck;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;
import io.thyme.spec.Warnings;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code KinesisSource(connection=..., stream=..., initial_position=...)}: a Kinesis data stream
 * whose records are JSON objects (or Debezium envelopes). {@code connection} names an account under
 * {@code kinesis:} in conf/thyme.yaml.
 */
public final class KinesisSourceOptions implements ConnectorOptions {
    public static final String KIND = "KinesisSource";
    public static final String CONNECTION = "connection";
    public static final String STREAM = "stream";
    public static final String INITIAL_POSITION = "initial_position";

    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "An AWS Kinesis stream; connection names region, endpoint and credentials in conf/.";
    }

    @Override
    public boolean streaming() {
        return true;
    }

    @Override
    public List<ConnectorParameter> parameters() {
        return List.of(
                ConnectorParameter.required(
                        CONNECTION, "the name of an account under kinesis: in conf/thyme.yaml"),
                ConnectorParameter.required(STREAM, "the stream's name"),
                ConnectorParameter.optional(
                        INITIAL_POSITION,
                        "trim_horizon (default), latest or at_timestamp:2024-05-01T00:00:00Z;"
                                + " used only without a checkpoint or savepoint"));
    }

    @Override
    public void validate(
            ConnectorSpec connector,
            SourceSpec source,
            ThymeConf conf,
            String path,
            Problems problems,
            Warnings warnings) {
        connector
                .string(CONNECTION)
                .ifPresent(
                        connection ->
                                NamedConnectionCheck.check(
                                        path + "." + CONNECTION,
                                        connection,
                                        KinesisConnections.SECTION,
                                        conf,
                                        problems));
        connector
                .string(STREAM)
                .filter(stream -> !STREAM_NAME.matcher(stream).matches())
                .ifPresent(
                        stream ->
                                problems.add(
                                        path + "." + STREAM,
                                        "'%s' is not a Kinesis stream name (1-128 of a-z, A-Z,"
                                                + " 0-9, _ . -)",
                                        stream));
        connector
                .string(INITIAL_POSITION)
                .filter(p -> InitialPosition.parse(p).isEmpty())
                .ifPresent(
                        p ->
                                problems.add(
                                        path + "." + INITIAL_POSITION,
                                        "'%s' is not a starting position; write trim_horizon,"
                                                + " latest or at_timestamp:<ISO-8601 instant>",
                                        p));
    }
}
