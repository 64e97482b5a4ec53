package io.thyme.connectors.snowflake;

import io.thyme.connectors.sql.WarehouseBench;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.peers.SnowflakePeer;
import java.util.Map;

/**
 * {@code scripts/bench.sh snowflake [N]}: a table of N rows (default 1,000,000) on the Snowflake
 * peer to Kafka through SnowflakeSource and Snowflake's JDBC driver ({@link WarehouseBench}).
 */
public final class SnowflakeBench {
    private SnowflakeBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LocalKafka.requireRunning();
        try (SnowflakePeer peer = SnowflakePeer.start("bench", "bench", null, "SHOP", "PUBLIC")) {
            peer.executeOnDuckDb("CREATE TABLE clicks AS " + WarehouseBench.rowsSql(rows));
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
            WarehouseBench.run(
                    "snowflake",
                    rows,
                    conf -> conf.withConnections(SnowflakeConnections.SECTION, Map.of("sf", sf)),
                    "{kind: SnowflakeSource, connection: sf, table: clicks}");
        }
        System.exit(0);
    }
}
