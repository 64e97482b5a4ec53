package io.thyme.conf;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Everything {@code conf/thyme.yaml} declares: named connections, the sink and job settings. */
public record ThymeConf(
        String file,
        Map<String, KafkaConnection> kafka,
        Map<String, PostgresConnection> postgres,
        Map<String, IcebergCatalogConf> iceberg,
        Map<String, S3Connection> s3,
        Map<String, KinesisConnection> kinesis,
        SinkConf sink,
        JobConf job) {

    public ThymeConf {
        kafka = java.util.Collections.unmodifiableMap(new TreeMap<>(kafka));
        postgres = java.util.Collections.unmodifiableMap(new TreeMap<>(postgres));
        iceberg = java.util.Collections.unmodifiableMap(new TreeMap<>(iceberg));
        s3 = java.util.Collections.unmodifiableMap(new TreeMap<>(s3));
        kinesis = java.util.Collections.unmodifiableMap(new TreeMap<>(kinesis));
    }

    public Optional<KafkaConnection> kafkaConnection(String name) {
        return Optional.ofNullable(kafka.get(name));
    }

    public Optional<PostgresConnection> postgresConnection(String name) {
        return Optional.ofNullable(postgres.get(name));
    }

    public Optional<IcebergCatalogConf> icebergCatalog(String name) {
        return Optional.ofNullable(iceberg.get(name));
    }

    public Optional<S3Connection> s3Connection(String name) {
        return Optional.ofNullable(s3.get(name));
    }

    public Optional<KinesisConnection> kinesisConnection(String name) {
        return Optional.ofNullable(kinesis.get(name));
    }

    /** The cluster the datasets are written to; a loaded conf always has it. */
    public KafkaConnection sinkConnection() {
        return kafka.get(sink.cluster());
    }
}
