package io.thyme.testing;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.iceberg.IcebergCatalogConf;
import io.thyme.connectors.iceberg.IcebergCatalogs;
import io.thyme.connectors.iceberg.IcebergTableRef;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.assertj.core.api.Assertions;

/** Iceberg tables for tests: a Hadoop catalog on a local warehouse, or the REST catalog server. */
public final class LocalIceberg {
    /** The Transaction table of the user guide: user_id, amount, ts (with an optional note). */
    public static final Schema TRANSACTIONS =
            new Schema(
                    Types.NestedField.required(1, "user_id", Types.StringType.get()),
                    Types.NestedField.optional(2, "amount", Types.DoubleType.get()),
                    Types.NestedField.required(3, "ts", Types.TimestampType.withZone()),
                    Types.NestedField.optional(4, "note", Types.StringType.get()));

    private LocalIceberg() {}

    /** A conf sinking to the broker at {@code bootstrapServers} with one Iceberg catalog. */
    public static ThymeConf conf(
            String bootstrapServers,
            String topicPrefix,
            Duration checkpointInterval,
            IcebergCatalogConf catalog) {
        return TestConf.sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval)
                .withConnections(IcebergCatalogs.SECTION, Map.of(catalog.name(), catalog));
    }

    public static IcebergCatalogConf hadoopCatalog(String name, Path warehouse) {
        return new IcebergCatalogConf(
                name, Map.of("type", "hadoop", "warehouse", warehouse.toUri().toString()));
    }

    /** The REST catalog scripts/iceberg-rest.sh runs (port from THYME_ICEBERG_REST_PORT). */
    public static IcebergCatalogConf restCatalog(String name) {
        return new IcebergCatalogConf(name, Map.of("type", "rest", "uri", restUri()));
    }

    private static String restUri() {
        return "http://127.0.0.1:"
                + System.getenv().getOrDefault("THYME_ICEBERG_REST_PORT", "18181");
    }

    /** Fails the test class with what to run when the REST catalog is not up. */
    public static void requireRestCatalog() {
        try (Socket socket = new Socket()) {
            URI uri = URI.create(restUri());
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
        } catch (IOException e) {
            Assertions.fail(
                    "no Iceberg REST catalog at %s; start one with scripts/iceberg-rest.sh start"
                            + " (or run scripts/test.sh, which does)",
                    restUri());
        }
    }

    /** Creates the table (and its namespace) and returns it, loaded through the catalog. */
    public static Table create(
            IcebergCatalogConf catalog, String database, String table, Schema schema) {
        return create(catalog, database, table, schema, PartitionSpec.unpartitioned());
    }

    /** Creates a partitioned table (and its namespace), loaded through the catalog. */
    public static Table create(
            IcebergCatalogConf catalog,
            String database,
            String table,
            Schema schema,
            PartitionSpec partitioning) {
        IcebergTableRef ref = new IcebergTableRef(catalog, database, table);
        Catalog opened = ref.openCatalog();
        if (opened instanceof SupportsNamespaces namespaces
                && !namespaces.namespaceExists(Namespace.of(database))) {
            namespaces.createNamespace(Namespace.of(database));
        }
        return opened.createTable(ref.identifier(), schema, partitioning);
    }

    public static Record transaction(String user, Double amount, Instant ts) {
        Record record = GenericRecord.create(TRANSACTIONS);
        record.setField("user_id", user);
        record.setField("amount", amount);
        record.setField("ts", OffsetDateTime.ofInstant(ts, ZoneOffset.UTC));
        return record;
    }
}
