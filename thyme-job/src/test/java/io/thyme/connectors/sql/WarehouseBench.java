package io.thyme.connectors.sql;

import io.thyme.bench.KafkaBench;
import io.thyme.bench.KafkaBench.Result;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.bigquery.BigQueryConnection;
import io.thyme.connectors.bigquery.BigQueryConnections;
import io.thyme.connectors.snowflake.SnowflakeConnection;
import io.thyme.connectors.snowflake.SnowflakeConnections;
import io.thyme.job.JobAssembler;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import io.thyme.testing.peers.BigQueryPeer;
import io.thyme.testing.peers.SnowflakePeer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code scripts/bench.sh bigquery|snowflake [N]}: a table of N rows (default 1,000,000; ten rows
 * share each cursor value) on the warehouse's peer, loaded into DuckDB directly, then read to Kafka
 * through BigQuerySource or SnowflakeSource and the whole pipeline (parallelism 1, exactly-once
 * sink, default batch_size 50,000). The figure includes the peer's work: DuckDB and the JSON
 * encoding of each page on the same two cores.
 */
public final class WarehouseBench {
    private WarehouseBench() {}

    public static void main(String[] args) throws Exception {
        String warehouse = args.length > 0 ? args[0] : "bigquery";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        LocalKafka.requireRunning();
        String rowsSql =
                "SELECT i AS id, '/p/' || (i %% 1000) AS page, TIMESTAMPTZ '%s' + to_milliseconds(i"
                        + " // 10) AS ts FROM range(%d) t(i)";
        String start = java.time.Instant.now().minusSeconds(3600).toString();
        Result result;
        if (warehouse.equals("bigquery")) {
            try (BigQueryPeer peer = BigQueryPeer.start()) {
                peer.executeOnDuckDb("CREATE SCHEMA shop");
                peer.executeOnDuckDb(
                        "CREATE TABLE shop.clicks AS "
                                + String.format(Locale.ROOT, rowsSql, start, rows));
                BigQueryConnection bq =
                        new BigQueryConnection("bq", "bench", "none", "", peer.endpoint());
                result =
                        KafkaBench.run(
                                "thyme BigQuerySource",
                                rows,
                                () ->
                                        job(
                                                TestConf.sinkingTo(
                                                                LocalKafka.bootstrapServers(),
                                                                "",
                                                                "",
                                                                KafkaBench.CHECKPOINT_INTERVAL)
                                                        .withConnections(
                                                                BigQueryConnections.SECTION,
                                                                Map.of("bq", bq)),
                                                "{kind: BigQuerySource, connection: bq, dataset:"
                                                        + " shop, table: clicks}"));
            }
        } else {
            try (SnowflakePeer peer =
                    SnowflakePeer.start("bench", "bench", null, "SHOP", "PUBLIC")) {
                peer.executeOnDuckDb(
                        "CREATE TABLE clicks AS "
                                + String.format(Locale.ROOT, rowsSql, start, rows));
                SnowflakeConnection sf =
                        new SnowflakeConnection(
                                "sf",
                                "bench",
                                "bench",
                                "bench",
                                "",
                                "",
                                "WH",
                                "",
                                "SHOP",
                                "PUBLIC",
                                peer.url(),
                                Map.of());
                result =
                        KafkaBench.run(
                                "thyme SnowflakeSource",
                                rows,
                                () ->
                                        job(
                                                TestConf.sinkingTo(
                                                                LocalKafka.bootstrapServers(),
                                                                "",
                                                                "",
                                                                KafkaBench.CHECKPOINT_INTERVAL)
                                                        .withConnections(
                                                                SnowflakeConnections.SECTION,
                                                                Map.of("sf", sf)),
                                                "{kind: SnowflakeSource, connection: sf, table:"
                                                        + " clicks}"));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nthyme %s: %,.0f rows/s, peak RSS %d MB%n",
                warehouse,
                result.rate(),
                result.peakMb());
        System.exit(0);
    }

    private static Object[] job(ThymeConf base, String connector) throws Exception {
        String prefix = LocalKafka.unique("bench-warehouse") + ".";
        ThymeConf conf =
                TestConf.sinkingTo(
                                LocalKafka.bootstrapServers(),
                                prefix,
                                prefix,
                                KafkaBench.CHECKPOINT_INTERVAL)
                        .withConnections(
                                BigQueryConnections.SECTION,
                                base.connections(BigQueryConnections.SECTION))
                        .withConnections(
                                SnowflakeConnections.SECTION,
                                base.connections(SnowflakeConnections.SECTION));
        StreamExecutionEnvironment env = KafkaBench.environment();
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
