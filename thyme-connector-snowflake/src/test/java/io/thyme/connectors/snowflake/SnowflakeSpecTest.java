package io.thyme.connectors.snowflake;

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

/** SnowflakeSource specs: what the loader reads, and what it refuses with the path and the fix. */
class SnowflakeSpecTest {
    static final String SPEC =
            SpecCases.transactions(
                    "{kind: SnowflakeSource, connection: sf, table: TX}", "ts", "1m");

    private final ThymeConf conf =
            TestConf.withKafka("127.0.0.1:9092")
                    .withConnections(
                            SnowflakeConnections.SECTION,
                            Map.of(
                                    "sf",
                                    new SnowflakeConnection(
                                            "sf", "acct", "u", "pw", "", "", "wh", "", "DB",
                                            "PUBLIC", "", Map.of())));

    private JobSpec parse(String yaml) {
        return SpecCases.parse(conf, yaml);
    }

    @Test
    void readsTheSpec() {
        assertThat(parse(SPEC).source().connector().kind()).isEqualTo("SnowflakeSource");
    }

    @Test
    void readsASnowflakeSpecWithItsDefaults() {
        JobSpec spec = parse(SPEC.replace("table: TX", "table: TX, batch_size: 500"));
        assertThat(spec.source().connector().string("batch_size")).hasValue("500");
        assertThat(spec.source().connector().string("schema")).isEmpty();
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                bad(
                        "snowflake: a field named like the page query's tie-breaker",
                        SpecCases.withTieBreakerField(SPEC),
                        SpecCases.TIE_BREAKER_REFUSAL),
                bad(
                        "snowflake: unknown account",
                        SPEC.replace("connection: sf", "connection: prod"),
                        "source.connector.connection: no account named 'prod' under snowflake: in"
                                + " test-conf; declared: sf"),
                bad(
                        "snowflake: quoted table",
                        SPEC.replace("table: TX", "table: '\"TX\"'"),
                        "source.connector.table: '\"TX\"' is not a Snowflake table name"),
                bad(
                        "snowflake: no every",
                        SPEC.replace("every: 1m", "every: \"\""),
                        "source.every: SnowflakeSource polls its source and needs an interval"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void refusesInvalidSpecWithPathAndFix(String name, String yaml, String expected) {
        SpecCases.assertRefused(conf, name, yaml, expected);
    }
}
