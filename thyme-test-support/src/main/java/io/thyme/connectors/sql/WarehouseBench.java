package io.thyme.connectors.sql;

import io.thyme.bench.BenchJobs;
import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What the warehouse benchmarks ({@code scripts/bench.sh bigquery|snowflake [N]}) share: a table of
 * N rows (ten rows share each cursor value) loaded into the peer's DuckDB directly, then read to
 * Kafka through the warehouse's source and the whole pipeline (parallelism 1, exactly-once sink,
 * default batch_size 50,000). The figure includes the peer's work: DuckDB and the encoding of each
 * page on the same two cores.
 */
public final class WarehouseBench {
    private WarehouseBench() {}

    /** The rows (id, page, ts) to create the benchmark's table {@code AS}. */
    public static String rowsSql(int rows) {
        return String.format(
                Locale.ROOT,
                "SELECT i AS id, '/p/' || (i %% 1000) AS page, TIMESTAMPTZ '%s' + to_milliseconds(i"
                        + " // 10) AS ts FROM range(%d) t(i)",
                Instant.now().minusSeconds(3600),
                rows);
    }

    /**
     * Runs the Click dataset read with {@code connector} (a flow mapping) to Kafka until all {@code
     * rows} are published, with {@code withConnection} adding the warehouse's connection, and
     * prints the rate.
     */
    public static void run(
            String warehouse, int rows, UnaryOperator<ThymeConf> withConnection, String connector)
            throws Exception {
        BenchJobs.Result result =
                BenchJobs.run("thyme " + warehouse, rows, () -> job(withConnection, connector));
        System.out.printf(
                Locale.ROOT,
                "%nthyme %s: %,.0f rows/s, peak RSS %d MB%n",
                warehouse,
                result.rate(),
                result.peakMb());
    }

    private static Object[] job(UnaryOperator<ThymeConf> withConnection, String connector)
            throws Exception {
        String prefix = LocalKafka.unique("bench-warehouse") + ".";
        ThymeConf conf =
                withConnection.apply(
                        TestConf.sinkingTo(
                                LocalKafka.bootstrapServers(),
                                prefix,
                                prefix,
                                BenchJobs.CHECKPOINT_INTERVAL));
        StreamExecutionEnvironment env = BenchJobs.environment();
        JobAssembler.assemble(
                env,
                List.of(
                        new SpecLoader(conf)
                                .parse(
                                        "bench.yaml",
                                        String.join(
                                                "\n",
                                                "dataset:",
                                                "  name: Click",
                                                "  fields:",
                                                "    id: {type: int, key: true}",
                                                "    page: str",
                                                "    ts: {type: datetime, timestamp: true}",
                                                "source:",
                                                "  connector: " + connector,
                                                "  cursor: ts",
                                                "  every: 1s",
                                                "  max_lateness: 1m",
                                                ""))),
                conf);
        return new Object[] {prefix + "Click", env.executeAsync("bench-thyme-warehouse")};
    }
}
