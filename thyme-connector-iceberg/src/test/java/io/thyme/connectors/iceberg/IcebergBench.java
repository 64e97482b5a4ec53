package io.thyme.connectors.iceberg;

import io.thyme.bench.BenchJobs;
import io.thyme.bench.BenchJobs.Result;
import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.spec.JobSpec;
import io.thyme.testing.LocalIceberg;
import io.thyme.testing.LocalKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.source.IcebergSource;
import org.apache.iceberg.flink.source.StreamingStartingStrategy;

/**
 * {@code scripts/bench.sh iceberg}: an Iceberg table of N rows (10 Parquet files) to Kafka through
 * Thyme's IcebergSource and the whole pipeline, in the same run as Iceberg's own FLIP-27
 * IcebergSource (streaming, starting with a table scan) reading the same table into the same kind
 * of exactly-once sink. Three rounds in one JVM, the order alternating; prints each round and the
 * mean ratio of the warm rounds (2 and 3).
 */
public final class IcebergBench {
    private static final int FILES = 10;

    private IcebergBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LocalKafka.requireRunning();
        Path warehouse = Files.createTempDirectory("thyme-bench-warehouse");
        IcebergCatalogConf catalog = LocalIceberg.hadoopCatalog("bench", warehouse);
        Table table = createTable(catalog, rows);

        // Three rounds in one JVM, the order of the two jobs alternating, so that neither
        // profits alone from the code the other warmed up.
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            Result iceberg;
            Result thyme;
            if (round % 2 == 1) {
                iceberg = BenchJobs.run("Iceberg's IcebergSource", rows, () -> icebergJob(table));
                thyme = BenchJobs.run("thyme IcebergSource", rows, () -> thymeJob(catalog));
            } else {
                thyme = BenchJobs.run("thyme IcebergSource", rows, () -> thymeJob(catalog));
                iceberg = BenchJobs.run("Iceberg's IcebergSource", rows, () -> icebergJob(table));
            }
            double ratio = thyme.rate() / iceberg.rate();
            ratios.add(ratio);
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "round %d: Iceberg's IcebergSource %,.0f rows/s (peak RSS %d MB), thyme"
                            + " IcebergSource %,.0f rows/s (peak RSS %d MB), ratio %.2fx%n%n",
                    round,
                    iceberg.rate(),
                    iceberg.peakMb(),
                    thyme.rate(),
                    thyme.peakMb(),
                    ratio);
        }
        System.out.printf(
                Locale.ROOT,
                "ratio: %.2fx Iceberg's own IcebergSource (warm rounds 2 and 3: %.2fx, %.2fx;"
                        + " target >= 1.0x)%n",
                (ratios.get(1) + ratios.get(2)) / 2,
                ratios.get(1),
                ratios.get(2));
        System.exit(0);
    }

    private static Table createTable(IcebergCatalogConf catalog, int rows) {
        System.out.printf("Writing %,d rows in %d Parquet files ...%n", rows, FILES);
        Table table =
                LocalIceberg.create(catalog, "events", "transactions", LocalIceberg.TRANSACTIONS);
        Instant start = Instant.now().minusSeconds(3600);
        int perFile = rows / FILES;
        for (int f = 0; f < FILES; f++) {
            List<Record> batch = new ArrayList<>(perFile);
            for (int i = 0; i < perFile; i++) {
                long n = (long) f * perFile + i;
                batch.add(
                        LocalIceberg.transaction(
                                "user-" + (n % 100_000),
                                (n % 10_000) / 7.0,
                                start.plusMillis(n / 1000)));
            }
            IcebergTableWriter.append(table, batch);
        }
        return table;
    }

    private static JobSpec spec(ThymeConf conf) {
        return IcebergSourceITCase.spec(conf, "transactions", "append", "1h");
    }

    private static Object[] thymeJob(IcebergCatalogConf catalog) throws Exception {
        String prefix = LocalKafka.unique("bench-iceberg") + ".";
        ThymeConf conf =
                LocalIceberg.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        BenchJobs.CHECKPOINT_INTERVAL,
                        catalog);
        StreamExecutionEnvironment env = BenchJobs.environment();
        JobAssembler.assemble(env, List.of(spec(conf)), conf);
        return new Object[] {prefix + "Transaction", env.executeAsync("bench-thyme-iceberg")};
    }

    private static Object[] icebergJob(Table table) throws Exception {
        String output = LocalKafka.unique("bench-iceberg-own");
        LocalKafka.createTopic(output, 1);
        StreamExecutionEnvironment env = BenchJobs.environment();
        IcebergSource<RowData> source =
                IcebergSource.forRowData()
                        .tableLoader(TableLoader.fromHadoopTable(table.location()))
                        .streaming(true)
                        .streamingStartingStrategy(
                                StreamingStartingStrategy.TABLE_SCAN_THEN_INCREMENTAL)
                        .monitorInterval(java.time.Duration.ofSeconds(1))
                        .build();
        env.fromSource(
                        source,
                        WatermarkStrategy.noWatermarks(),
                        "iceberg",
                        InternalTypeInfo.of(FlinkSchemaUtil.convert(table.schema())))
                .map(IcebergBench::json, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .sinkTo(BenchJobs.byteSink(output));
        return new Object[] {output, env.executeAsync("bench-iceberg-own")};
    }

    private static byte[] json(RowData row) {
        return String.format(
                        Locale.ROOT,
                        "{\"user_id\":\"%s\",\"amount\":%s,\"ts\":\"%s\"}",
                        row.getString(0),
                        row.getDouble(1),
                        row.getTimestamp(2, 6).toInstant())
                .getBytes(StandardCharsets.UTF_8);
    }
}
