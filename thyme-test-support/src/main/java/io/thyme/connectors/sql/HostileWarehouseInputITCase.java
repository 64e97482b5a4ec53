package io.thyme.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.HostileInput;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import io.thyme.testing.TestJobs;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated hostile rows through a polling warehouse source (BigQuerySource, SnowflakeSource), each
 * subclass reading its peer (DuckDB behind the warehouse's own protocol, through the warehouse's
 * own client): the typed extremes a warehouse column can hold (64-bit integers, NUMERIC(38, 9),
 * -0.0 and the smallest and largest doubles, NaN and the infinities, dates and timestamps at years
 * 1 and 9999, NUL and non-BMP characters, empty strings), nulls in non-Optional fields and in the
 * key, and strings too large for the sink. Each row's fate is known when it is written: the job
 * must publish every valid row as an event, send every invalid or oversized one to .errors, and
 * never fail a task. Rows are read in cursor order, so none is late.
 */
public abstract class HostileWarehouseInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Instant BASE = Instant.parse("2024-05-01T10:00:00Z");

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    /** The warehouse's name, in topic names, e.g. bigquery. */
    protected abstract String name();

    /** The seed of the generated rows (each warehouse its own). */
    protected abstract long seed();

    /** The DuckDB type of the ts column (the cursor) on the peer. */
    protected abstract String tsType();

    /** The DuckDB type of the local column on the peer. */
    protected abstract String localType();

    /** The table's name in the peer's SQL. */
    protected abstract String path(String table);

    /** Runs DuckDB SQL on the peer. */
    protected abstract void execute(String sql) throws Exception;

    /** Adds this warehouse's connection, named {@code wh}, to a conf. */
    protected abstract ThymeConf withConnection(ThymeConf conf);

    /** The connector mapping's entries, e.g. {@code kind: BigQuerySource, connection: wh, ...}. */
    protected abstract String connector(String table);

    /** What the job must make of a row. */
    protected enum Fate {
        EVENT,
        INVALID,
        /** Invalid, and its payload too large for the sink: cut in .errors. */
        INVALID_CUT,
        OVERSIZED
    }

    /** A row as DuckDB SQL expressions by column, and its fate. */
    protected record Written(Map<String, String> row, Fate fate) {}

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

    private void write(String table, List<Written> rows) throws Exception {
        execute(
                "CREATE TABLE "
                        + path(table)
                        + " (id BIGINT, user_id VARCHAR, amount DOUBLE, n BIGINT,"
                        + " price DECIMAL(38, 9), flag BOOLEAN, day DATE, ts "
                        + tsType()
                        + ", local "
                        + localType()
                        + ", note VARCHAR)");
        List<String> values = new ArrayList<>();
        for (Written w : rows) {
            values.add("(" + String.join(", ", w.row().values()) + ")");
        }
        execute(
                "INSERT INTO "
                        + path(table)
                        + " ("
                        + String.join(", ", rows.get(0).row().keySet())
                        + ") VALUES "
                        + String.join(", ", values));
    }

    private JobSpec spec(ThymeConf conf, String table) {
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
                                "  connector: {" + connector(table) + "}",
                                "  cursor: ts",
                                "  every: 1s",
                                "  max_lateness: 1h",
                                ""));
    }

    @Test
    void everyHostileRowEndsUpWhereItBelongsAndTheJobNeverFails(@InjectClusterRESTAddress URI rest)
            throws Exception {
        String table = LocalKafka.unique("hostile").replace('-', '_');
        List<Written> written = hostileRows(seed(), 2);
        write(table, written);
        String prefix = LocalKafka.unique("hostile-" + name()) + ".";
        ThymeConf conf =
                withConnection(
                        TestConf.sinkingTo(
                                LocalKafka.bootstrapServers(),
                                prefix,
                                prefix,
                                Duration.ofMillis(500)));
        String topic = prefix + "Transaction";
        JobClient job = TestJobs.start(conf, spec(conf, table), 2, new Configuration());
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
