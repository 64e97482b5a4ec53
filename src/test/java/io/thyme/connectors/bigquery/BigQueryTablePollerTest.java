package io.thyme.connectors.bigquery;

import io.thyme.conf.BigQueryConnection;
import io.thyme.testing.peers.BigQueryPeer;

/** The BigQuery poller's contract against the BigQuery peer (DuckDB behind BigQuery's REST API). */
class BigQueryTablePollerTest extends BigQueryTablePollerContract {
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
}
