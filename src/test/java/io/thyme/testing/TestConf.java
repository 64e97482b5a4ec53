package io.thyme.testing;

import io.thyme.conf.DeliveryGuarantee;
import io.thyme.conf.IcebergCatalogConf;
import io.thyme.conf.JobConf;
import io.thyme.conf.KafkaConnection;
import io.thyme.conf.KinesisConnection;
import io.thyme.conf.S3Connection;
import io.thyme.conf.SinkConf;
import io.thyme.conf.ThymeConf;
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
        ThymeConf base = sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval);
        return new ThymeConf(
                base.file(),
                base.kafka(),
                Map.of("pg", LocalPostgres.connection("pg")),
                base.iceberg(),
                base.s3(),
                base.kinesis(),
                base.sink(),
                base.job());
    }

    /** Like {@link #sinkingTo} with one Iceberg catalog. */
    public static ThymeConf withIceberg(
            String bootstrapServers,
            String topicPrefix,
            Duration checkpointInterval,
            IcebergCatalogConf catalog) {
        ThymeConf base = sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval);
        return new ThymeConf(
                base.file(),
                base.kafka(),
                base.postgres(),
                Map.of(catalog.name(), catalog),
                base.s3(),
                base.kinesis(),
                base.sink(),
                base.job());
    }

    /** Like {@link #sinkingTo} with one S3 connection. */
    public static ThymeConf withS3(
            String bootstrapServers,
            String topicPrefix,
            Duration checkpointInterval,
            S3Connection store) {
        ThymeConf base = sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval);
        return new ThymeConf(
                base.file(),
                base.kafka(),
                base.postgres(),
                base.iceberg(),
                Map.of(store.name(), store),
                base.kinesis(),
                base.sink(),
                base.job());
    }

    /** Like {@link #sinkingTo} with one Kinesis account. */
    public static ThymeConf withKinesis(
            String bootstrapServers,
            String topicPrefix,
            Duration checkpointInterval,
            KinesisConnection account) {
        ThymeConf base = sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval);
        return new ThymeConf(
                base.file(),
                base.kafka(),
                base.postgres(),
                base.iceberg(),
                base.s3(),
                Map.of(account.name(), account),
                base.sink(),
                base.job());
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
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                new SinkConf(
                        "local",
                        topicPrefix,
                        DeliveryGuarantee.EXACTLY_ONCE,
                        transactionalIdPrefix,
                        Optional.empty()),
                new JobConf(checkpointInterval, Duration.ofSeconds(30)));
    }
}
