package io.thyme.connectors;

import io.thyme.connectors.bigquery.BigQuerySourceFactory;
import io.thyme.connectors.iceberg.IcebergSourceFactory;
import io.thyme.connectors.kafka.KafkaSourceFactory;
import io.thyme.connectors.kinesis.KinesisSourceFactory;
import io.thyme.connectors.postgres.PostgresSourceFactory;
import io.thyme.connectors.s3.S3JsonSourceFactory;
import io.thyme.connectors.snowflake.SnowflakeSourceFactory;
import java.util.List;

/** The Flink source factory of every connector in {@link ConnectorCatalog}. */
public final class SourceFactories {
    private static final List<SourceFactory> FACTORIES =
            List.of(
                    new KafkaSourceFactory(),
                    new PostgresSourceFactory(),
                    new IcebergSourceFactory(),
                    new S3JsonSourceFactory(),
                    new KinesisSourceFactory(),
                    new BigQuerySourceFactory(),
                    new SnowflakeSourceFactory());

    private SourceFactories() {}

    public static SourceFactory forKind(String kind) {
        return FACTORIES.stream()
                .filter(f -> f.kind().equals(kind))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "connector " + kind + " is validated but has no factory"));
    }
}
