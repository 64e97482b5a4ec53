package io.thyme.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.bigquery.BigQueryConnection;
import io.thyme.connectors.bigquery.BigQueryConnections;
import io.thyme.connectors.snowflake.SnowflakeConnection;
import io.thyme.connectors.snowflake.SnowflakeConnections;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.HostileInput;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import io.thyme.testing.TestJobs;
import io.thyme.testing.peers.BigQueryPeer;
import io.thyme.testing.peers.SnowflakePeer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated hostile rows through BigQuerySource and SnowflakeSource, each reading its peer (DuckDB
 * behind the warehouse's own protocol, through Google's client and Snowflake's JDBC driver): the
 * typed extremes a warehouse column can hold (64-bit integers, NUMERIC(38, 9), -0.0 and the
 * smallest and largest doubles, NaN and the infinities, dates and timestamps at years 1 and 9999,
 * NUL and non-BMP characters, empty strings), nulls in non-Optional fields and in the key, and
 * strings too large for the sink. Each row's fate is known when it is written: the job must publish
 * every valid row as an event, send every invalid or oversized one to .errors, and never fail a
 * task. Rows are read in cursor order, so none is late.
 */
class HostileWarehouseInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Instant BASE = Instant.parse("2024-05-01T10:00:00Z");
    private static BigQueryPeer bigQuery;
    private static SnowflakePeer snowflake;

    @BeforeAll
    static void startPeers() throws Exception {
        LocalKafka.requireRunning();
        bigQuery = BigQueryPeer.start();
        bigQuery.executeOnDuckDb("CREATE SCHEMA events");
        snowflake = SnowflakePeer.start("thyme", "s3cret", null, "THYME", "EVENTS");
    }

    @AfterAll
    static void stopPeers() throws Exception {
        bigQuery.close();
        snowflake.close();
    }

    /** A warehouse: how its table is named and typed on the peer, and how the spec reads it. */
    enum Warehouse {
        BIGQUERY("TIMESTAMPTZ", "TIMESTAMP") {
            @Override
            String path(String table) {
                return "events." + table;
            }

            @Override
            void execute(String sql) throws Exception {
                bigQuery.executeOnDuckDb(sql);
            }

            @Override
            ThymeConf withConnection(ThymeConf conf) {
                return conf.withConnections(
                        BigQueryConnections.SECTION,
                        Map.of(
                                "wh",
                                new BigQueryConnection(
                                        "wh", "thyme-test", "none", "", bigQuery.endpoint())));
            }

            @Override
            String connector(String table) {
                return "kind: BigQuerySource, connection: wh, dataset: events, table: " + table;
            }
        },
        SNOWFLAKE("TIMESTAMP", "TIMESTAMPTZ") {
            @Override
            String path(String table) {
                return table;
            }

            @Override
            void execute(String sql) throws Exception {
                snowflake.executeOnDuckDb(sql);
            }

            @Override
            ThymeConf withConnection(ThymeConf conf) {
                SnowflakeConnection account =
                        new SnowflakeConnection(
                                "wh",
                                "peer-account",
                                "thyme",
                                "s3cret",
                                "",
                                "",
                                "PEER_WH",
                                "",
                                "THYME",
                                "EVENTS",
                                snowflake.url(),
                                Map.of());
                return conf.withConnections(SnowflakeConnections.SECTION, Map.of("wh", account));
            }

            @Override
            String connector(String table) {
                return "kind: SnowflakeSource, connection: wh, table: " + table;
            }
        };

        /** DuckDB types of the ts column (the cursor) and of the local column. */
        final String tsType;

        final String localType;

        Warehouse(String tsType, String localType) {
            this.tsType = tsType;
            this.localType = localType;
        }

        abstract String path(String table);

        abstract void execute(String sql) throws Exception;

        abstract ThymeConf withConnection(ThymeConf conf);

        abstract String connector(String table);
    }

    /** What the job must make of a row. */
    enum Fate {
        EVENT,
        INVALID,
        /** Invalid, and its payload too large for the sink: cut in .errors. */
        INVALID_CUT,
        OVERSIZED
    }

    /** A row as DuckDB SQL expressions by column, and its fate. */
    record Written(Map<String, String> row, Fate fate) {}

    private static String text(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String time(Instant instant) {
        return "'" + instant.toString().replace('T', ' ').replace("Z", "") + "'";
    }

    private static final class Rows {
        final List<Written> written = new ArrayList<>();
        final Random random;
        long id;

        Rows(Random random) {
            this.random = random;
        }

        Map<String, String> valid() {
            Map<String, String> row = new LinkedHashMap<>();
            Instant ts = BASE.plusMillis(random.nextInt(1_200_000) - 600_000).plusNanos(1_000);
            row.put("id", Long.toString(++id));
            row.put("user_id", text("u" + random.nextInt(50)));
            row.put("amount", Double.toString(random.nextInt(100_000) / 100.0));
            row.put("n", Long.toString(random.nextLong()));
            row.put("price", random.nextInt(1_000_000) + ".123456789");
            row.put("flag", Boolean.toString(random.nextBoolean()));
            row.put("day", "DATE '2024-05-" + (10 + random.nextInt(20)) + "'");
            row.put("ts", time(ts));
            row.put("local", time(ts));
            row.put("note", random.nextBoolean() ? "NULL" : text("note " + random.nextInt(9)));
            return row;
        }

        void kind(Fate fate, Consumer<Map<String, String>> hostile) {
            Map<String, String> row = valid();
            hostile.accept(row);
            written.add(new Written(row, fate));
            for (int i = 0; i < 3; i++) {
                written.add(new Written(valid(), Fate.EVENT));
            }
        }
    }

    /** Each hostile kind once per round, between valid rows; seeded. */
    static List<Written> hostileRows(long seed, int rounds) {
        Rows rows = new Rows(new Random(seed));
        for (int round = 0; round < rounds; round++) {
            long r = round;
            Fate ok = Fate.EVENT;
            rows.kind(ok, w -> w.put("id", Long.toString(Long.MIN_VALUE + r)));
            rows.kind(ok, w -> w.put("id", Long.toString(Long.MAX_VALUE - r)));
            rows.kind(ok, w -> w.put("n", Long.toString(Long.MIN_VALUE)));
            rows.kind(ok, w -> w.put("n", Long.toString(Long.MAX_VALUE)));
            rows.kind(ok, w -> w.put("amount", "'-0.0'::DOUBLE"));
            rows.kind(ok, w -> w.put("amount", "4.9e-324::DOUBLE"));
            rows.kind(ok, w -> w.put("amount", "1.7976931348623157e308::DOUBLE"));
            rows.kind(ok, w -> w.put("amount", "-1.7976931348623157e308::DOUBLE"));
            rows.kind(ok, w -> w.put("price", "99999999999999999999999999999.999999999"));
            rows.kind(ok, w -> w.put("price", "-99999999999999999999999999999.999999999"));
            rows.kind(ok, w -> w.put("day", "DATE '0001-01-01'"));
            rows.kind(ok, w -> w.put("day", "DATE '9999-12-31'"));
            rows.kind(ok, w -> w.put("local", "'0001-01-01 00:00:00'"));
            rows.kind(ok, w -> w.put("local", "'9999-12-31 23:59:59.999999'"));
            rows.kind(ok, w -> w.put("ts", "'0001-01-01 00:00:00." + (100 + r) + "'"));
            rows.kind(ok, w -> w.put("ts", "'9999-12-31 23:59:59.99999" + r + "'"));
            rows.kind(ok, w -> w.put("note", "''"));
            rows.kind(ok, w -> w.put("note", "chr(0) || 'nul ' || chr(128512)"));
            rows.kind(ok, w -> w.put("user_id", "''"));
            rows.kind(ok, w -> w.put("user_id", text("quote' \" back\\slash")));
            rows.kind(ok, w -> w.put("note", "repeat('k', 300000)")); // 300 KB: fits

            // the value (1.5 MB of note) is more than the sink's max.request.size
            rows.kind(Fate.OVERSIZED, w -> w.put("note", "repeat('x', 1500000)"));

            Fate bad = Fate.INVALID;
            for (String column : List.of("id", "user_id", "amount", "n", "price", "flag", "day")) {
                rows.kind(bad, w -> w.put(column, "NULL"));
            }
            rows.kind(bad, w -> w.put("amount", "'NaN'::DOUBLE"));
            rows.kind(bad, w -> w.put("amount", "'Infinity'::DOUBLE"));
            rows.kind(bad, w -> w.put("amount", "'-Infinity'::DOUBLE"));
            rows.kind(
                    Fate.INVALID_CUT,
                    w -> {
                        w.put("user_id", "NULL");
                        w.put("note", "repeat('y', 1500000)"); // a 1.5 MB payload in .errors
                    });
        }
        return rows.written;
    }

    private static long count(List<Written> rows, Fate... fates) {
        return rows.stream().filter(w -> List.of(fates).contains(w.fate())).count();
    }

    private static void write(Warehouse warehouse, String table, List<Written> rows)
            throws Exception {
        warehouse.execute(
                "CREATE TABLE "
                        + warehouse.path(table)
                        + " (id BIGINT, user_id VARCHAR, amount DOUBLE, n BIGINT,"
                        + " price DECIMAL(38, 9), flag BOOLEAN, day DATE, ts "
                        + warehouse.tsType
                        + ", local "
                        + warehouse.localType
                        + ", note VARCHAR)");
        List<String> values = new ArrayList<>();
        for (Written w : rows) {
            values.add("(" + String.join(", ", w.row().values()) + ")");
        }
        warehouse.execute(
                "INSERT INTO "
                        + warehouse.path(table)
                        + " ("
                        + String.join(", ", rows.get(0).row().keySet())
                        + ") VALUES "
                        + String.join(", ", values));
    }

    private static JobSpec spec(ThymeConf conf, Warehouse warehouse, String table) {
        return new SpecLoader(conf)
                .parse(
                        "hostile.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Transaction",
                                "  fields:",
                                "    id: {type: int, key: true}",
                                "    user_id: str",
                                "    amount: float",
                                "    n: int",
                                "    price: float",
                                "    flag: bool",
                                "    day: date",
                                "    ts: {type: datetime, timestamp: true}",
                                "    local: Optional[datetime]",
                                "    note: Optional[str]",
                                "source:",
                                "  connector: {" + warehouse.connector(table) + "}",
                                "  cursor: ts",
                                "  every: 1s",
                                "  max_lateness: 1h",
                                ""));
    }

    @ParameterizedTest
    @EnumSource(Warehouse.class)
    void everyHostileRowEndsUpWhereItBelongsAndTheJobNeverFails(
            Warehouse warehouse, @InjectClusterRESTAddress URI rest) throws Exception {
        String table = LocalKafka.unique("hostile").replace('-', '_');
        List<Written> written = hostileRows(20261204L + warehouse.ordinal(), 2);
        write(warehouse, table, written);
        String prefix = LocalKafka.unique("hostile-" + warehouse.name().toLowerCase()) + ".";
        ThymeConf conf =
                warehouse.withConnection(
                        TestConf.sinkingTo(
                                LocalKafka.bootstrapServers(),
                                prefix,
                                prefix,
                                Duration.ofMillis(500)));
        String topic = prefix + "Transaction";
        JobClient job = TestJobs.start(conf, spec(conf, warehouse, table), 2, new Configuration());
        try {
            int[] counts = HostileInput.awaitEveryRecordAccountedFor(topic, written.size());
            assertThat(counts[1])
                    .as("errors: every invalid and every oversized row, nothing else")
                    .isEqualTo(count(written, Fate.INVALID, Fate.INVALID_CUT, Fate.OVERSIZED));
            assertThat(counts[0])
                    .as("events: every valid row")
                    .isEqualTo(count(written, Fate.EVENT));
            assertThat(counts[2]).as("late: none, rows are read in cursor order").isZero();
            String events =
                    LocalKafka.readCommitted(
                                    topic, counts[0], Duration.ofSeconds(10), Duration.ZERO)
                            .stream()
                            .map(r -> LocalKafka.text(r.value()))
                            .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(events)
                    .as("the extremes, published as they are in the table")
                    .contains(
                            "\"id\":-9223372036854775808,",
                            "\"id\":9223372036854775807,",
                            "\"n\":-9223372036854775808,",
                            "\"n\":9223372036854775807,",
                            "\"amount\":-0.0,",
                            "\"amount\":4.9E-324,",
                            "\"amount\":1.7976931348623157E308,",
                            "\"amount\":-1.7976931348623157E308,",
                            "\"price\":1.0E29,",
                            "\"price\":-1.0E29,",
                            "\"day\":\"0001-01-01\"",
                            "\"day\":\"9999-12-31\"",
                            "\"local\":\"0001-01-01T00:00:00.000000Z\"",
                            "\"local\":\"9999-12-31T23:59:59.999999Z\"",
                            "\"ts\":\"0001-01-01T00:00:00.100000Z\"",
                            "\"ts\":\"9999-12-31T23:59:59.999990Z\"",
                            // Jackson escapes a character outside the BMP as its surrogate pair
                            "\"note\":\"\\u0000nul \\uD83D\\uDE00\"",
                            "\"note\":\"\"",
                            "\"user_id\":\"\"",
                            "\"user_id\":\"quote' \\\" back\\\\slash\"");
            assertThat(HostileInput.cutDownErrors(topic, counts[1]))
                    .as("oversized events and the 1.5 MB invalid rows' payloads, cut down")
                    .hasSize((int) count(written, Fate.OVERSIZED, Fate.INVALID_CUT));
            HostileInput.assertRunningWithoutTaskFailures(rest, job);
        } finally {
            job.cancel().get();
        }
    }
}
