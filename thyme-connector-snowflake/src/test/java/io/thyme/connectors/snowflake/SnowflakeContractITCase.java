package io.thyme.connectors.snowflake;

import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The Snowflake poller's contract against a real Snowflake account, run only when credentials are
 * given: THYME_SNOWFLAKE_CONTRACT_ACCOUNT, _USER, _WAREHOUSE, _DATABASE (where a schema
 * THYME_TEST_* is created and dropped) and _PASSWORD or _PRIVATE_KEY_FILE; optional _ROLE.
 */
@EnabledIfEnvironmentVariable(named = "THYME_SNOWFLAKE_CONTRACT_ACCOUNT", matches = ".+")
@EnabledIfEnvironmentVariable(named = "THYME_SNOWFLAKE_CONTRACT_USER", matches = ".+")
class SnowflakeContractITCase extends SnowflakeTablePollerContract {

    private static String env(String name) {
        return System.getenv().getOrDefault("THYME_SNOWFLAKE_CONTRACT_" + name, "");
    }

    @Override
    protected SnowflakeConnection open() {
        return new SnowflakeConnection(
                "contract",
                env("ACCOUNT"),
                env("USER"),
                env("PASSWORD"),
                env("PRIVATE_KEY_FILE"),
                env("PRIVATE_KEY_PASSPHRASE"),
                env("WAREHOUSE"),
                env("ROLE"),
                env("DATABASE"),
                "PUBLIC",
                "",
                Map.of());
    }
}
