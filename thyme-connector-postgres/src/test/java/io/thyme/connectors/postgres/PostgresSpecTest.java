package io.thyme.connectors.postgres;

import static io.thyme.testing.SpecCases.bad;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.testing.LocalPostgres;
import io.thyme.testing.SpecCases;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PostgresSource specs: what the loader reads, and what it refuses with the path and the fix. */
class PostgresSpecTest {
    static final String SPEC =
            String.join(
                    "\n",
                    "dataset:",
                    "  name: Event",
                    "  fields:",
                    "    id: {type: int, key: true}",
                    "    amount: float",
                    "    note: Optional[str]",
                    "    ts: {type: datetime, timestamp: true}",
                    "source:",
                    "  connector: {kind: PostgresSource, database: pg, table: events}",
                    "  cursor: ts",
                    "  every: 1m",
                    "  cdc: append",
                    "");

    private final ThymeConf conf = LocalPostgres.conf("127.0.0.1:9092", "", Duration.ofSeconds(1));

    private JobSpec parse(String yaml) {
        return SpecCases.parse(conf, yaml);
    }

    @Test
    void readsTheSpec() {
        assertThat(parse(SPEC).source().connector().kind()).isEqualTo("PostgresSource");
    }

    @Test
    void readsAPostgresSpecWithIntegerParameters() {
        JobSpec spec =
                parse(
                        SPEC.replace(
                                "table: events",
                                "table: public.events, batch_size: 500, buckets: 2"));
        assertThat(spec.source().connector().requiredString("batch_size")).isEqualTo("500");
        assertThat(spec.source().every()).contains(Duration.ofMinutes(1));
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                bad(
                        "postgres: unknown database",
                        SPEC.replace("database: pg", "database: prod"),
                        "source.connector.database: no database named 'prod' under postgres: in"
                                + " test-conf; declared: pg"),
                bad(
                        "postgres: no cursor",
                        SPEC.replace("  cursor: ts\n", ""),
                        "source.cursor: PostgresSource reads incrementally and needs a cursor"),
                bad(
                        "postgres: no every",
                        SPEC.replace("  every: 1m\n", ""),
                        "source.every: PostgresSource polls its source and needs an interval"),
                bad(
                        "postgres: optional cursor",
                        SPEC.replace("cursor: ts", "cursor: note"),
                        "source.cursor: a cursor must be a datetime, int, date or str field that is"
                                + " never null, not Optional[str]"),
                bad(
                        "postgres: float cursor",
                        SPEC.replace("cursor: ts", "cursor: amount"),
                        "source.cursor: a cursor must be a datetime, int, date or str field"),
                bad(
                        "postgres: bad slot name",
                        SPEC.replace("cdc: append", "cdc: debezium")
                                .replace("table: events", "table: events, slot_name: My-Slot"),
                        "source.connector.slot_name: 'My-Slot' is not a replication slot name"),
                bad(
                        "postgres: debezium with every",
                        SPEC.replace("cdc: append", "cdc: debezium")
                                .replace("every: 1m", "every: 1x"),
                        "source.every: '1x' is not a duration"),
                bad(
                        "postgres: bad batch size",
                        SPEC.replace("table: events", "table: events, batch_size: lots"),
                        "source.connector.batch_size: 'lots' is not a positive whole number"),
                bad(
                        "postgres: zero buckets",
                        SPEC.replace("table: events", "table: events, buckets: 0"),
                        "source.connector.buckets: '0' is not a positive whole number"),
                bad(
                        "postgres: buckets without key",
                        SPEC.replace("table: events", "table: events, buckets: 4")
                                .replace(", key: true", ""),
                        "source.connector.buckets: splitting a table into buckets needs a key"),
                bad(
                        "postgres: quoted table name",
                        SPEC.replace("table: events", "table: 'ev\"ents'"),
                        "source.connector.table: 'ev\"ents' is not a table name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void refusesInvalidSpecWithPathAndFix(String name, String yaml, String expected) {
        SpecCases.assertRefused(conf, name, yaml, expected);
    }
}
