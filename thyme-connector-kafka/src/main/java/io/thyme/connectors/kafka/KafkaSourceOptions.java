package io.thyme.connectors.kafka;

import io.thyme.conf.SecretMask;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.ConnectorParameter;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;
import io.thyme.spec.Warnings;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code KafkaSource(cluster=..., topic=...)}: JSON rows from a Kafka topic, read continuously. */
public final class KafkaSourceOptions implements ConnectorOptions {
    public static final String KIND = "KafkaSource";
    public static final String CLUSTER = "cluster";
    public static final String TOPIC = "topic";
    public static final String STARTING_POSITION = "starting_position";
    public static final String GROUP_ID = "group_id";
    public static final String PROPERTIES = "properties";

    /** Consumer properties the connector sets itself; a spec must not override them. */
    private static final Set<String> RESERVED_PROPERTIES =
            Set.of(
                    "bootstrap.servers",
                    "key.deserializer",
                    "value.deserializer",
                    "group.id",
                    "auto.offset.reset",
                    "enable.auto.commit");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "A Kafka topic of JSON rows; cluster names a Kafka cluster in conf/thyme.yaml.";
    }

    @Override
    public boolean streaming() {
        return true;
    }

    @Override
    public List<ConnectorParameter> parameters() {
        return List.of(
                ConnectorParameter.required(
                        CLUSTER, "the name of a Kafka cluster under kafka: in conf/thyme.yaml"),
                ConnectorParameter.required(TOPIC, "the topic to read"),
                ConnectorParameter.optional(STARTING_POSITION, StartingPosition.SYNTAX),
                ConnectorParameter.optional(GROUP_ID, "consumer group id; default thyme-<dataset>"),
                ConnectorParameter.optionalMap(
                        PROPERTIES, "Kafka consumer properties passed through as they are"));
    }

    @Override
    public void validate(
            ConnectorSpec connector,
            SourceSpec source,
            ThymeConf conf,
            String path,
            Problems problems,
            Warnings warnings) {
        Optional<String> cluster = connector.string(CLUSTER);
        cluster.filter(c -> conf.kafkaConnection(c).isEmpty())
                .ifPresent(
                        c ->
                                problems.add(
                                        path + "." + CLUSTER,
                                        "no Kafka cluster named '%s' in %s; declared: %s",
                                        c,
                                        conf.file(),
                                        String.join(", ", conf.kafka().keySet())));
        connector
                .string(STARTING_POSITION)
                .filter(p -> StartingPosition.parse(p).isEmpty())
                .ifPresent(
                        p ->
                                problems.add(
                                        path + "." + STARTING_POSITION,
                                        "'%s' is not a starting position; use %s",
                                        p,
                                        StartingPosition.SYNTAX));
        for (String key : connector.stringMap(PROPERTIES).keySet()) {
            String keyPath = path + "." + PROPERTIES + "." + key;
            if (RESERVED_PROPERTIES.contains(key)) {
                problems.add(
                        keyPath,
                        "is set by KafkaSource itself; use the connector's parameters (%s, %s,"
                                + " %s) or the cluster in conf/ instead",
                        CLUSTER,
                        STARTING_POSITION,
                        GROUP_ID);
            } else if (SecretMask.isSecretKey(key)) {
                problems.add(
                        keyPath,
                        "looks like a secret; specs never hold secrets: put it under"
                                + " kafka.%s.properties in conf/thyme.yaml as ${env:VAR} or"
                                + " ${file:path}",
                        cluster.orElse("<cluster>"));
            }
        }
        source.cursor()
                .ifPresent(
                        c ->
                                warnings.add(
                                        "source.cursor",
                                        "KafkaSource reads the topic in offset order; cursor '%s'"
                                                + " is ignored",
                                        c));
    }
}
