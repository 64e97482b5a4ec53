package io.thyme.testing;

import io.thyme.conf.DeliveryGuarantee;
import io.thyme.conf.JobConf;
import io.thyme.conf.KafkaConnection;
import io.thyme.conf.SinkConf;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.bigquery.BigQueryConnection;
import io.thyme.connectors.bigquery.BigQueryConnections;
import io.thyme.connectors.iceberg.IcebergCatalogConf;
import io.thyme.connectors.iceberg.IcebergCatalogs;
import io.thyme.connectors.kinesis.KinesisConnection;
import io.thyme.connectors.kinesis.KinesisConnections;
import io.thyme.connectors.postgres.PostgresConnections;
import io.thyme.connectors.s3.S3Connection;
import io.thyme.connectors.s3.S3Connections;
import io.thyme.connectors.snowflake.SnowflakeConnection;
import io.thyme.connectors.snowflake.SnowflakeConnections;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Conf objects for tests, the same shape conf/thyme.yaml loads into. */
public final class TestConf {
    private TestConf() {}

    public static ThymeConf withKafka(String bootstrapServers) {
        return sinkingTo(bootstrapServers, "", "thyme-test", Duration.ofSeconds(1));
    }

    /** Like {@link #sinkingTo} with the test database as Postgres connection {@code pg}. */
    public static ThymeConf withPostgres(
            String bootstrapServers, String topicPrefix, Duration checkpointInterval) {
        return sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval)
                .withConnections(
                        PostgresConnections.SECTION, Map.of("pg", LocalPostgres.connection("pg")));
    }

    /** Like {@link #sinkingTo} with one Iceberg catalog. */
    public static ThymeConf withIceberg(
            String bootstrapServers,
            String topicPrefix,
            Duration checkpointInterval,
            IcebergCatalogConf catalog) {
        return sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval)
                .withConnections(IcebergCatalogs.SECTION, Map.of(catalog.name(), catalog));
    }

    /** Like {@link #sinkingTo} with one S3 connection. */
    public static ThymeConf withS3(
            String bootstrapServers,
            String topicPrefix,
            Duration checkpointInterval,
            S3Connection store) {
        return sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval)
                .withConnections(S3Connections.SECTION, Map.of(store.name(), store));
    }

    /** Like {@link #sinkingTo} with one Kinesis account. */
    public static ThymeConf withKinesis(
            String bootstrapServers,
            String topicPrefix,
            Duration checkpointInterval,
            KinesisConnection account) {
        return sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval)
                .withConnections(KinesisConnections.SECTION, Map.of(account.name(), account));
    }

    /** A conf whose sink writes {@code <topicPrefix><Dataset>} topics on the given broker. */
    public static ThymeConf sinkingTo(
            String bootstrapServers,
            String topicPrefix,
            String transactionalIdPrefix,
            Duration checkpointInterval) {
        return new ThymeConf(
                "test-conf",
                Map.of("local", new KafkaConnection("local", bootstrapServers, Map.of())),
                new SinkConf(
                        "local",
                        topicPrefix,
                        DeliveryGuarantee.EXACTLY_ONCE,
                        transactionalIdPrefix,
                        Optional.empty()),
                new JobConf(checkpointInterval, Duration.ofSeconds(30)));
    }

    /**
     * {@code base} with one connection of each other connector, none of them reachable: for specs
     * that are validated, never run.
     */
    public static ThymeConf withSampleConnections(ThymeConf base) {
        return base.withConnections(
                        IcebergCatalogs.SECTION,
                        Map.of("lake", new IcebergCatalogConf("lake", Map.of("type", "hadoop"))))
                .withConnections(
                        S3Connections.SECTION,
                        Map.of(
                                "store",
                                new S3Connection("store", "file:/tmp/objects", "", false, "", "")))
                .withConnections(
                        KinesisConnections.SECTION,
                        Map.of(
                                "aws",
                                new KinesisConnection(
                                        "aws", "", "eu-west-1", "AKIDEXAMPLE", "secret")))
                .withConnections(
                        BigQueryConnections.SECTION,
                        Map.of("bq", new BigQueryConnection("bq", "acme", "/k.json", "", "")))
                .withConnections(
                        SnowflakeConnections.SECTION,
                        Map.of(
                                "sf",
                                new SnowflakeConnection(
                                        "sf", "acct", "u", "pw", "", "", "wh", "", "DB", "PUBLIC",
                                        "", Map.of())));
    }
}
