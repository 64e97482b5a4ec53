package io.thyme.demo;

import io.thyme.conf.ConfLoader;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.iceberg.IcebergCatalogConf;
import io.thyme.connectors.iceberg.IcebergCatalogs;
import io.thyme.connectors.iceberg.IcebergTableRef;
import io.thyme.connectors.iceberg.IcebergTableWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Feeds the Iceberg demo: creates the user guide's table (events.transactions in catalog prod) if
 * it is missing, then commits a batch of transactions every few seconds, as a writer job would.
 * Most rows are a few seconds old; one in twenty is ten minutes old and arrives in a file of its
 * own committed after the current one, as a lake receives a late partition (late with max_lateness
 * 5m: IcebergSource judges event time by file, so old rows inside a current file would be on time);
 * one in fifty has no amount (invalid for the dataset). Usage: {@code IcebergTransactionFeed
 * <conf-dir> <catalog> <database> <table> [seconds-between-commits] [rows-per-commit]}.
 */
public final class IcebergTransactionFeed {
    public static final Schema SCHEMA =
            new Schema(
                    Types.NestedField.required(1, "user_id", Types.StringType.get()),
                    Types.NestedField.optional(2, "amount", Types.DoubleType.get()),
                    Types.NestedField.required(3, "ts", Types.TimestampType.withZone()));

    private IcebergTransactionFeed() {}

    public static void main(String[] args) throws InterruptedException {
        ThymeConf conf = ConfLoader.loadDir(Path.of(args[0]));
        IcebergCatalogConf catalog =
                conf.connection(IcebergCatalogs.SECTION, args[1])
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no catalog "
                                                        + args[1]
                                                        + " under iceberg: in "
                                                        + conf.file()));
        IcebergTableRef ref = new IcebergTableRef(catalog, args[2], args[3]);
        long pause = args.length > 4 ? Long.parseLong(args[4]) * 1000 : 5_000;
        int perCommit = args.length > 5 ? Integer.parseInt(args[5]) : 100;
        Table table = createIfMissing(ref);
        Random random = new Random();
        long n = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.currentTimeMillis();
            List<Record> rows = new ArrayList<>(perCommit);
            List<Record> late = new ArrayList<>();
            for (int i = 0; i < perCommit; i++, n++) {
                (n % 20 == 19 ? late : rows).add(row(random, now, n));
            }
            IcebergTableWriter.append(table, rows);
            if (!late.isEmpty()) {
                IcebergTableWriter.append(table, late);
            }
            System.out.printf(
                    "feed: committed %d transactions to %s (snapshot %d)%n",
                    perCommit, ref.displayName(), table.currentSnapshot().snapshotId());
            Thread.sleep(Math.max(0, pause - (System.currentTimeMillis() - now)));
        }
    }

    static Table createIfMissing(IcebergTableRef ref) {
        Catalog catalog = ref.openCatalog();
        if (catalog.tableExists(ref.identifier())) {
            return catalog.loadTable(ref.identifier());
        }
        Namespace namespace = ref.identifier().namespace();
        if (catalog instanceof SupportsNamespaces namespaces
                && !namespaces.namespaceExists(namespace)) {
            namespaces.createNamespace(namespace);
        }
        System.out.println("feed: created table " + ref.displayName());
        return catalog.createTable(ref.identifier(), SCHEMA, PartitionSpec.unpartitioned());
    }

    static Record row(Random random, long now, long n) {
        Record row = GenericRecord.create(SCHEMA);
        row.setField("user_id", "u" + random.nextInt(100));
        row.setField(
                "amount", n % 50 == 49 ? null : Math.round(random.nextDouble() * 20_000) / 100.0);
        long ageMillis = n % 20 == 19 ? 600_000 : random.nextInt(5_000);
        row.setField(
                "ts",
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(now - ageMillis), ZoneOffset.UTC));
        return row;
    }
}
