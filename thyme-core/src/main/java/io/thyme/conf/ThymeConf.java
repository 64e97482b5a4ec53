package io.thyme.conf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything {@code conf/thyme.yaml} declares: the Kafka clusters (the sink writes to one), the
 * connections of each connector's {@link ConnectionSection} by its key, the sink and job settings.
 */
public record ThymeConf(
        String file,
        Map<String, KafkaConnection> kafka,
        Map<String, Map<String, Object>> sections,
        SinkConf sink,
        JobConf job) {

    public ThymeConf {
        kafka = Collections.unmodifiableMap(new TreeMap<>(kafka));
        Map<String, Map<String, Object>> copy = new TreeMap<>();
        sections.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
        sections = Collections.unmodifiableMap(copy);
    }

    /** A conf with Kafka clusters and no other connections. */
    public ThymeConf(String file, Map<String, KafkaConnection> kafka, SinkConf sink, JobConf job) {
        this(file, kafka, Map.of(), sink, job);
    }

    public Optional<KafkaConnection> kafkaConnection(String name) {
        return Optional.ofNullable(kafka.get(name));
    }

    /** The connection {@code name} of {@code section}, if the conf declares it. */
    public <C> Optional<C> connection(ConnectionSection<C> section, String name) {
        return Optional.ofNullable(connections(section).get(name));
    }

    /** Every connection of {@code section}, by name (empty when the file has no such section). */
    public <C> Map<String, C> connections(ConnectionSection<C> section) {
        Map<String, Object> entries = sections.getOrDefault(section.key(), Map.of());
        Map<String, C> typed = new TreeMap<>();
        entries.forEach((name, value) -> typed.put(name, section.type().cast(value)));
        return Collections.unmodifiableMap(typed);
    }

    /** A copy whose {@code section} holds exactly {@code entries}. */
    public <C> ThymeConf withConnections(
            ConnectionSection<C> section, Map<String, ? extends C> entries) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>(sections);
        copy.put(section.key(), new LinkedHashMap<>(entries));
        return new ThymeConf(file, kafka, copy, sink, job);
    }

    /** The cluster the datasets are written to; a loaded conf always has it. */
    public KafkaConnection sinkConnection() {
        return kafka.get(sink.cluster());
    }
}
