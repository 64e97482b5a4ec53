package io.thyme.connectors.bigquery;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.sql.HostileWarehouseInputITCase;
import io.thyme.testing.peers.BigQueryPeer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The generated hostile rows through BigQuerySource, from the BigQuery peer. */
class HostileBigQueryInputITCase extends HostileWarehouseInputITCase {
    private static BigQueryPeer bigQuery;

    @BeforeAll
    static void startPeer() throws Exception {
        bigQuery = BigQueryPeer.start();
        bigQuery.executeOnDuckDb("CREATE SCHEMA events");
    }

    @AfterAll
    static void stopPeer() throws Exception {
        bigQuery.close();
    }

    @Override
    protected String name() {
        return "bigquery";
    }

    @Override
    protected long seed() {
        return 20261204L;
    }

    @Override
    protected String tsType() {
        return "TIMESTAMPTZ";
    }

    @Override
    protected String localType() {
        return "TIMESTAMP";
    }

    @Override
    protected String path(String table) {
        return "events." + table;
    }

    @Override
    protected void execute(String sql) throws Exception {
        bigQuery.executeOnDuckDb(sql);
    }

    @Override
    protected ThymeConf withConnection(ThymeConf conf) {
        return conf.withConnections(
                BigQueryConnections.SECTION,
                Map.of(
                        "wh",
                        new BigQueryConnection(
                                "wh", "thyme-test", "none", "", bigQuery.endpoint())));
    }

    @Override
    protected String connector(String table) {
        return "kind: BigQuerySource, connection: wh, dataset: events, table: " + table;
    }
}
