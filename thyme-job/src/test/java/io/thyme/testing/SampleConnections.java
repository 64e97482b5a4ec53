package io.thyme.testing;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.bigquery.BigQueryConnection;
import io.thyme.connectors.bigquery.BigQueryConnections;
import io.thyme.connectors.iceberg.IcebergCatalogConf;
import io.thyme.connectors.iceberg.IcebergCatalogs;
import io.thyme.connectors.kinesis.KinesisConnection;
import io.thyme.connectors.kinesis.KinesisConnections;
import io.thyme.connectors.s3.S3Connection;
import io.thyme.connectors.s3.S3Connections;
import io.thyme.connectors.snowflake.SnowflakeConnection;
import io.thyme.connectors.snowflake.SnowflakeConnections;
import java.util.Map;

/** Connections of the full job's connectors, for specs that are validated, never run. */
public final class SampleConnections {
    private SampleConnections() {}

    /**
     * {@code base} with one connection of each other connector, none of them reachable: for specs
     * that are validated, never run.
     */
    public static ThymeConf addTo(ThymeConf base) {
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
