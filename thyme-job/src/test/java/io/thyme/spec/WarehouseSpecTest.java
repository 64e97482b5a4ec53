package io.thyme.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.bigquery.BigQueryConnection;
import io.thyme.connectors.bigquery.BigQueryConnections;
import io.thyme.connectors.snowflake.SnowflakeConnection;
import io.thyme.connectors.snowflake.SnowflakeConnections;
import io.thyme.testing.TestConf;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Specs of the warehouse sources (most refused ones are in SpecLoaderTest). */
class WarehouseSpecTest {
    private final ThymeConf conf =
            TestConf.withKafka("127.0.0.1:9092")
                    .withConnections(
                            BigQueryConnections.SECTION,
                            Map.of("bq", new BigQueryConnection("bq", "acme", "/k.json", "", "")))
                    .withConnections(
                            SnowflakeConnections.SECTION,
                            Map.of(
                                    "sf",
                                    new SnowflakeConnection(
                                            "sf", "acct", "u", "pw", "", "", "wh", "", "DB",
                                            "PUBLIC", "", Map.of())));

    @Test
    void readsWarehouseSourcesWithTheirDefaults() {
        JobSpec bigquery = new SpecLoader(conf).parse("bq.yaml", SpecLoaderTest.BIGQUERY);
        assertThat(bigquery.source().connector().kind()).isEqualTo("BigQuerySource");
        assertThat(bigquery.source().cursor()).hasValue("ts");
        JobSpec snowflake =
                new SpecLoader(conf)
                        .parse(
                                "sf.yaml",
                                SpecLoaderTest.SNOWFLAKE.replace(
                                        "table: TX", "table: TX, batch_size: 500"));
        assertThat(snowflake.source().connector().string("batch_size")).hasValue("500");
        assertThat(snowflake.source().connector().string("schema")).isEmpty();
    }

    @Test
    void refusesAFieldNamedLikeThePageQuerysTieBreaker() {
        assertThatThrownBy(
                        () ->
                                new SpecLoader(conf)
                                        .parse(
                                                "bq.yaml",
                                                SpecLoaderTest.BIGQUERY.replace(
                                                        "    ts: {type: datetime",
                                                        "    thyme_tie: Optional[str]\n"
                                                                + "    ts: {type: datetime")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(
                        "dataset.fields: the field name thyme_tie is reserved by the warehouse"
                                + " sources' page query; rename the field");
    }
}
