package io.thyme.connectors.bigquery;

import io.thyme.testing.NoNetwork;
import io.thyme.testing.peers.BigQueryPeer;
import org.junit.jupiter.api.Test;

/** The BigQuery poller's contract against the BigQuery peer (DuckDB behind BigQuery's REST API). */
class BigQueryTablePollerNoNetworkTest extends BigQueryTablePollerContract {
    private BigQueryPeer peer;

    @Override
    protected BigQueryConnection open() throws Exception {
        peer = BigQueryPeer.start();
        return new BigQueryConnection("peer", "thyme-test", "none", "", peer.endpoint());
    }

    @Override
    protected String datasetName() {
        return "events";
    }

    @Override
    protected void closeUp() throws Exception {
        peer.close();
    }

    @Test
    void runsWhereOnlyLoopbackIsReachable() {
        NoNetwork.assertOnlyLoopbackIsReachable();
    }
}
