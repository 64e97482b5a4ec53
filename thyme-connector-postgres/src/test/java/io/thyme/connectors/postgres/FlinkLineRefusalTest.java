package io.thyme.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.FlinkLine;
import io.thyme.spec.InvalidSpecException;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgresSource with cdc: debezium on each Flink line: accepted where Flink CDC runs (1.20),
 * refused before the job starts, with what to do instead, where it does not (2.x).
 */
class FlinkLineRefusalTest {
    private static final String LOG_SPEC =
            String.join(
                    "\n",
                    "dataset:",
                    "  name: Account",
                    "  fields: {id: {type: int, key: true}, ts: {type: datetime, timestamp: true}}",
                    "source:",
                    "  connector: {kind: PostgresSource, database: pg, table: accounts}",
                    "  cdc: debezium",
                    "");

    private final ThymeConf conf = LocalPostgres.conf("127.0.0.1:9092", "", Duration.ofSeconds(1));

    @Test
    void theJarKnowsItsLine() {
        assertThat(FlinkLine.current().line()).isIn("1.20", "2.1");
        assertThat(FlinkLine.current().flinkVersion()).startsWith(FlinkLine.current().line() + ".");
    }

    @Test
    void aPostgresLogIsReadWhereFlinkCdcRunsAndRefusedElsewhere() {
        SpecLoader loader = new SpecLoader(conf);
        if (FlinkLine.current().runsFlink1Libraries()) {
            assertThat(loader.parse("accounts.yaml", LOG_SPEC).source().connector().kind())
                    .isEqualTo("PostgresSource");
        } else {
            assertThatThrownBy(() -> loader.parse("accounts.yaml", LOG_SPEC))
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining(
                            "source.cdc: PostgresSource reads the log (cdc: debezium) through"
                                    + " Flink CDC, which has no build for Flink 2.1")
                    .hasMessageContaining("run the dataset with the Flink 1.20 jar");
        }
    }
}
