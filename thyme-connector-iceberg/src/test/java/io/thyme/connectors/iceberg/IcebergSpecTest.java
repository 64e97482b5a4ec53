package io.thyme.connectors.iceberg;

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

/** IcebergSource specs: what the loader reads, and what it refuses with the path and the fix. */
class IcebergSpecTest {
    static final String SPEC =
            SpecCases.transactions(
                    "{kind: IcebergSource, catalog: lake, database: events, table: tx}",
                    "ts",
                    "1m");

    private final ThymeConf conf =
            TestConf.withKafka("127.0.0.1:9092")
                    .withConnections(
                            IcebergCatalogs.SECTION,
                            Map.of(
                                    "lake",
                                    new IcebergCatalogConf("lake", Map.of("type", "hadoop"))));

    private JobSpec parse(String yaml) {
        return SpecCases.parse(conf, yaml);
    }

    @Test
    void readsTheSpec() {
        assertThat(parse(SPEC).source().connector().kind()).isEqualTo("IcebergSource");
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                bad(
                        "iceberg: unknown catalog",
                        SPEC.replace("catalog: lake", "catalog: prod"),
                        "source.connector.catalog: no catalog named 'prod' under iceberg: in"
                                + " test-conf; declared: lake"),
                bad(
                        "iceberg: no cursor",
                        SPEC.replace("cursor: ts", "cursor: \"\""),
                        "source.cursor: IcebergSource reads incrementally and needs a cursor"),
                bad(
                        "iceberg: debezium",
                        SPEC.replace("cdc: append", "cdc: debezium"),
                        "source.cdc: IcebergSource polls tables, whose rows are not Debezium"
                                + " envelopes"),
                bad(
                        "iceberg: table name with a space",
                        SPEC.replace("table: tx", "table: 'my tx'"),
                        "source.connector.table: 'my tx' is not an Iceberg table name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void refusesInvalidSpecWithPathAndFix(String name, String yaml, String expected) {
        SpecCases.assertRefused(conf, name, yaml, expected);
    }
}
