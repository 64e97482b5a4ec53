package io.thyme.connectors;

import io.thyme.connectors.bigquery.BigQuerySourceOptions;
import io.thyme.connectors.iceberg.IcebergSourceOptions;
import io.thyme.connectors.kafka.KafkaSourceOptions;
import io.thyme.connectors.kinesis.KinesisSourceOptions;
import io.thyme.connectors.postgres.PostgresSourceOptions;
import io.thyme.connectors.s3.S3JsonSourceOptions;
import io.thyme.connectors.snowflake.SnowflakeSourceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The connectors this build can run, by the kind a spec names. Flink-free: used by validation. */
public final class ConnectorCatalog {
    private static final Map<String, ConnectorOptions> AVAILABLE = new LinkedHashMap<>();

    static {
        register(new KafkaSourceOptions());
        register(new PostgresSourceOptions());
        register(new IcebergSourceOptions());
        register(new S3JsonSourceOptions());
        register(new KinesisSourceOptions());
        register(new BigQuerySourceOptions());
        register(new SnowflakeSourceOptions());
    }

    private ConnectorCatalog() {}

    private static void register(ConnectorOptions options) {
        AVAILABLE.put(options.kind(), options);
    }

    public static Optional<ConnectorOptions> find(String kind) {
        return Optional.ofNullable(AVAILABLE.get(kind));
    }

    public static List<String> availableKinds() {
        return List.copyOf(AVAILABLE.keySet());
    }
}
