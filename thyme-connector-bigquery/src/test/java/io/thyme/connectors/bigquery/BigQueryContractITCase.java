package io.thyme.connectors.bigquery;

import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The BigQuery poller's contract against the real BigQuery, run only when credentials are given:
 * THYME_BIGQUERY_CONTRACT_PROJECT (a project the key may create datasets in) and
 * THYME_BIGQUERY_CONTRACT_CREDENTIALS (a service-account key file); optional
 * THYME_BIGQUERY_CONTRACT_LOCATION. It creates a dataset thyme_contract_*, and drops it.
 */
@EnabledIfEnvironmentVariable(named = "THYME_BIGQUERY_CONTRACT_PROJECT", matches = ".+")
@EnabledIfEnvironmentVariable(named = "THYME_BIGQUERY_CONTRACT_CREDENTIALS", matches = ".+")
class BigQueryContractITCase extends BigQueryTablePollerContract {

    @Override
    protected BigQueryConnection open() {
        return new BigQueryConnection(
                "contract",
                System.getenv("THYME_BIGQUERY_CONTRACT_PROJECT"),
                System.getenv("THYME_BIGQUERY_CONTRACT_CREDENTIALS"),
                System.getenv().getOrDefault("THYME_BIGQUERY_CONTRACT_LOCATION", ""),
                "");
    }

    @Override
    protected String datasetName() {
        return "thyme_contract_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
