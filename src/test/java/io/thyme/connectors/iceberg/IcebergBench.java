package io.thyme.connectors.iceberg;

import io.thyme.bench.KafkaBench;
import io.thyme.bench.KafkaBench.Result;
import io.thyme.conf.IcebergCatalogConf;
import io.thyme.conf.ThymeConf;
import io.thyme.demo.IcebergTableWriter;
import io.thyme.job.JobAssembler;
import io.thyme.spec.JobSpec;
import io.thyme.testing.LocalIceberg;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
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
 * of exactly-once sink.
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

        // Two rounds, alternating, so neither job profits alone from a warmed-up JVM.
        for (int round = 1; round <= 2; round++) {
            Result iceberg =
                    KafkaBench.run("Iceberg's IcebergSource", rows, () -> icebergJob(table));
            Result thyme = KafkaBench.run("thyme IcebergSource", rows, () -> thymeJob(catalog));
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
                    thyme.rate() / iceberg.rate());
        }
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
                TestConf.withIceberg(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        KafkaBench.CHECKPOINT_INTERVAL,
                        catalog);
        StreamExecutionEnvironment env = KafkaBench.environment();
        JobAssembler.assemble(env, List.of(spec(conf)), conf);
        return new Object[] {prefix + "Transaction", env.executeAsync("bench-thyme-iceberg")};
    }

    private static Object[] icebergJob(Table table) throws Exception {
        String output = LocalKafka.unique("bench-iceberg-own");
        LocalKafka.createTopic(output, 1);
        StreamExecutionEnvironment env = KafkaBench.environment();
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
                .sinkTo(KafkaBench.byteSink(output));
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
