package io.thyme.connectors.snowflake;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.sql.HostileWarehouseInputITCase;
import io.thyme.testing.peers.SnowflakePeer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The generated hostile rows through SnowflakeSource, from the Snowflake peer. */
class HostileSnowflakeInputITCase extends HostileWarehouseInputITCase {
    private static SnowflakePeer snowflake;

    @BeforeAll
    static void startPeer() throws Exception {
        snowflake = SnowflakePeer.start("thyme", "s3cret", null, "THYME", "EVENTS");
    }

    @AfterAll
    static void stopPeer() throws Exception {
        snowflake.close();
    }

    @Override
    protected String name() {
        return "snowflake";
    }

    @Override
    protected long seed() {
        return 20261205L;
    }

    @Override
    protected String tsType() {
        return "TIMESTAMP";
    }

    @Override
    protected String localType() {
        return "TIMESTAMPTZ";
    }

    @Override
    protected String path(String table) {
        return table;
    }

    @Override
    protected void execute(String sql) throws Exception {
        snowflake.executeOnDuckDb(sql);
    }

    @Override
    protected ThymeConf withConnection(ThymeConf conf) {
        SnowflakeConnection account =
                new SnowflakeConnection(
                        "wh",
                        "peer-account",
                        "thyme",
                        "s3cret",
                        "",
                        "",
                        "PEER_WH",
                        "",
                        "THYME",
                        "EVENTS",
                        snowflake.url(),
                        Map.of());
        return conf.withConnections(SnowflakeConnections.SECTION, Map.of("wh", account));
    }

    @Override
    protected String connector(String table) {
        return "kind: SnowflakeSource, connection: wh, table: " + table;
    }
}
