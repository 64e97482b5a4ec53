package io.thyme.connectors.bigquery;

import static io.thyme.testing.SpecCases.bad;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.testing.SpecCases;
import io.thyme.testing.TestConf;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** BigQuerySource specs: what the loader reads, and what it refuses with the path and the fix. */
class BigQuerySpecTest {
    static final String SPEC =
            SpecCases.transactions(
                    "{kind: BigQuerySource, connection: bq, dataset: events, table: tx}",
                    "ts",
                    "1m");

    private final ThymeConf conf =
            TestConf.withKafka("127.0.0.1:9092")
                    .withConnections(
                            BigQueryConnections.SECTION,
                            Map.of("bq", new BigQueryConnection("bq", "acme", "/k.json", "", "")));

    private JobSpec parse(String yaml) {
        return SpecCases.parse(conf, yaml);
    }

    @Test
    void readsABigQuerySpecWithItsDefaults() {
        JobSpec spec = parse(SPEC);
        assertThat(spec.source().connector().kind()).isEqualTo("BigQuerySource");
        assertThat(spec.source().cursor()).hasValue("ts");
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                bad(
                        "bigquery: a field named like the page query's tie-breaker",
                        SpecCases.withTieBreakerField(SPEC),
                        SpecCases.TIE_BREAKER_REFUSAL),
                bad(
                        "bigquery: unknown connection",
                        SPEC.replace("connection: bq", "connection: prod"),
                        "source.connector.connection: no project named 'prod' under bigquery: in"
                                + " test-conf; declared: bq"),
                bad(
                        "bigquery: dataset with a dot",
                        SPEC.replace("dataset: events", "dataset: acme.events"),
                        "source.connector.dataset: 'acme.events' is not a BigQuery dataset id"),
                bad(
                        "bigquery: debezium",
                        SPEC.replace("cdc: append", "cdc: debezium"),
                        "source.cdc: BigQuerySource polls tables, whose rows are not Debezium"
                                + " envelopes"),
                bad(
                        "bigquery: no cursor",
                        SPEC.replace("cursor: ts", "cursor: \"\""),
                        "source.cursor: BigQuerySource reads incrementally and needs a cursor"),
                bad(
                        "bigquery: zero batch size",
                        SPEC.replace("table: tx", "table: tx, batch_size: 0"),
                        "source.connector.batch_size: '0' is not a positive whole number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void refusesInvalidSpecWithPathAndFix(String name, String yaml, String expected) {
        SpecCases.assertRefused(conf, name, yaml, expected);
    }
}
