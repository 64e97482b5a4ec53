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
        Map<String, BigQueryConnection> bigquery,
        Map<String, SnowflakeConnection> snowflake,
        SinkConf sink,
        JobConf job) {

    public ThymeConf {
        kafka = java.util.Collections.unmodifiableMap(new TreeMap<>(kafka));
        postgres = java.util.Collections.unmodifiableMap(new TreeMap<>(postgres));
        iceberg = java.util.Collections.unmodifiableMap(new TreeMap<>(iceberg));
        s3 = java.util.Collections.unmodifiableMap(new TreeMap<>(s3));
        kinesis = java.util.Collections.unmodifiableMap(new TreeMap<>(kinesis));
        bigquery = java.util.Collections.unmodifiableMap(new TreeMap<>(bigquery));
        snowflake = java.util.Collections.unmodifiableMap(new TreeMap<>(snowflake));
    }

    /** A conf without BigQuery projects or Snowflake accounts. */
    public ThymeConf(
            String file,
            Map<String, KafkaConnection> kafka,
            Map<String, PostgresConnection> postgres,
            Map<String, IcebergCatalogConf> iceberg,
            Map<String, S3Connection> s3,
            Map<String, KinesisConnection> kinesis,
            SinkConf sink,
            JobConf job) {
        this(file, kafka, postgres, iceberg, s3, kinesis, Map.of(), Map.of(), sink, job);
    }

    /** A copy with these BigQuery projects and Snowflake accounts. */
    public ThymeConf withWarehouses(
            Map<String, BigQueryConnection> bigquery, Map<String, SnowflakeConnection> snowflake) {
        return new ThymeConf(
                file, kafka, postgres, iceberg, s3, kinesis, bigquery, snowflake, sink, job);
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

    public Optional<BigQueryConnection> bigQueryConnection(String name) {
        return Optional.ofNullable(bigquery.get(name));
    }

    public Optional<SnowflakeConnection> snowflakeConnection(String name) {
        return Optional.ofNullable(snowflake.get(name));
    }

    /** The cluster the datasets are written to; a loaded conf always has it. */
    public KafkaConnection sinkConnection() {
        return kafka.get(sink.cluster());
    }
}
