package io.thyme.connectors.bigquery;

import io.thyme.connectors.sql.WarehouseBench;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.peers.BigQueryPeer;
import java.util.Map;

/**
 * {@code scripts/bench.sh bigquery [N]}: a table of N rows (default 1,000,000) on the BigQuery peer
 * to Kafka through BigQuerySource and Google's client ({@link WarehouseBench}).
 */
public final class BigQueryBench {
    private BigQueryBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LocalKafka.requireRunning();
        try (BigQueryPeer peer = BigQueryPeer.start()) {
            peer.executeOnDuckDb("CREATE SCHEMA shop");
            peer.executeOnDuckDb("CREATE TABLE shop.clicks AS " + WarehouseBench.rowsSql(rows));
            BigQueryConnection bq =
                    new BigQueryConnection("bq", "bench", "none", "", peer.endpoint());
            WarehouseBench.run(
                    "bigquery",
                    rows,
                    conf -> conf.withConnections(BigQueryConnections.SECTION, Map.of("bq", bq)),
                    "{kind: BigQuerySource, connection: bq, dataset: shop, table: clicks}");
        }
        System.exit(0);
    }
}
