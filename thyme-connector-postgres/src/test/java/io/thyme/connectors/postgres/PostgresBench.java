package io.thyme.connectors.postgres;

import io.thyme.bench.BenchJobs;
import io.thyme.bench.BenchJobs.Result;
import io.thyme.conf.ThymeConf;
import io.thyme.event.EventSchema;
import io.thyme.job.JobAssembler;
import io.thyme.polling.Poll;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.position.PollPosition;
import io.thyme.polling.split.PollingSplit;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.connector.jdbc.JdbcInputFormat;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Row;

/**
 * {@code scripts/bench.sh postgres}: a table of N rows to Kafka through PostgresSource and the
 * whole pipeline, and through Flink's own JDBC input format reading the same table into the same
 * kind of exactly-once sink, each job in a JVM of its own; then the poller alone, steady inserts
 * (rows fetched per row inserted) and the cost of one poll that finds 1,000 new rows in a table of
 * 1M rows vs 10M rows.
 */
public final class PostgresBench {
    private PostgresBench() {}

    /**
     * {@code PostgresBench ROWS jdbc|thyme|rest}: one of the two jobs over the ROWS-row table
     * (created when missing), printing {@code RESULT <job> <rows/s> <peak RSS MB>}, or the rest
     * (poller alone, steady inserts, poll cost). scripts/bench.sh runs each job in a JVM of its
     * own, alternating their order, so neither inherits the other's memory.
     */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String part = args.length > 1 ? args[1] : "rest";
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
        String table = "bench_" + rows;
        if (!"rest".equals(part)) {
            createTableUnlessPresent(table, rows);
            Result result =
                    "jdbc".equals(part)
                            ? BenchJobs.run("flink-connector-jdbc", rows, () -> jdbcJob(table))
                            : BenchJobs.run("thyme PostgresSource", rows, () -> thymeJob(table));
            System.out.printf(
                    Locale.ROOT, "RESULT %s %.0f %d%n", part, result.rate(), result.peakMb());
            System.exit(0);
        }
        createTableUnlessPresent(table, rows);
        System.out.printf(
                Locale.ROOT,
                "PostgresSource's poller alone (no Flink): %,.0f rows/s%n",
                pollerRate(table, rows));

        steadyInserts("steady_5s", Duration.ofSeconds(5), Duration.ofSeconds(60), 60);
        steadyInserts("steady_1m", Duration.ofMinutes(1), Duration.ofMinutes(5), 130);

        double small = pollCost("poll_1m", 1_000_000);
        double large = pollCost("poll_10m", 10_000_000);
        System.out.printf(
                Locale.ROOT,
                "one poll finding 1,000 new rows: %.1f ms in 1M rows, %.1f ms in 10M rows, ratio %.2f%n",
                small,
                large,
                large / small);
        System.exit(0);
    }

    static void createTableUnlessPresent(String table, int rows) throws Exception {
        try (Connection connection = LocalPostgres.connect();
                Statement statement = connection.createStatement();
                ResultSet present =
                        statement.executeQuery(
                                "select count(*) from pg_class where relname = '" + table + "'")) {
            present.next();
            if (present.getLong(1) > 0) {
                try (ResultSet count = statement.executeQuery("select count(*) from " + table)) {
                    count.next();
                    if (count.getLong(1) == rows) {
                        return;
                    }
                }
            }
        }
        createTable(table, rows);
    }

    private static void createTable(String table, int rows) throws Exception {
        System.out.printf("Creating %s with %,d rows ...%n", table, rows);
        LocalPostgres.execute(
                "drop table if exists " + table,
                "create table "
                        + table
                        + " (id bigint not null, user_id text not null,"
                        + " amount numeric(12,2) not null, ts timestamptz not null)",
                "insert into "
                        + table
                        + " select g, 'user-' || (g % 100000), (g % 10000) / 7.0,"
                        + " now() - interval '1 day' + g * interval '1 millisecond'"
                        + " from generate_series(1, "
                        + rows
                        + ") g",
                "create index on " + table + " (ts)",
                "analyze " + table);
    }

    static JobSpec spec(ThymeConf conf, String table) {
        return new SpecLoader(conf)
                .parse(
                        "bench.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Transaction",
                                "  fields:",
                                "    id: {type: int, key: true}",
                                "    user_id: str",
                                "    amount: float",
                                "    ts: {type: datetime, timestamp: true}",
                                "source:",
                                "  connector: {kind: PostgresSource, database: pg, table: "
                                        + table
                                        + "}",
                                "  cursor: ts",
                                "  every: 1s",
                                "  max_lateness: 1m",
                                ""));
    }

    private static Object[] thymeJob(String table) throws Exception {
        String prefix = LocalKafka.unique("bench-pg") + ".";
        ThymeConf conf =
                LocalPostgres.conf(
                        LocalKafka.bootstrapServers(), prefix, BenchJobs.CHECKPOINT_INTERVAL);
        StreamExecutionEnvironment env = BenchJobs.environment();
        JobAssembler.assemble(env, List.of(spec(conf, table)), conf);
        return new Object[] {prefix + "Transaction", env.executeAsync("bench-thyme-postgres")};
    }

    private static Object[] jdbcJob(String table) throws Exception {
        String output = LocalKafka.unique("bench-jdbc");
        LocalKafka.createTopic(output, 1);
        var db = LocalPostgres.connection("pg");
        RowTypeInfo types =
                new RowTypeInfo(
                        BasicTypeInfo.LONG_TYPE_INFO,
                        BasicTypeInfo.STRING_TYPE_INFO,
                        BasicTypeInfo.BIG_DEC_TYPE_INFO,
                        TypeInformation.of(java.sql.Timestamp.class));
        JdbcInputFormat input =
                JdbcInputFormat.buildJdbcInputFormat()
                        .setDrivername("org.postgresql.Driver")
                        .setDBUrl(db.jdbcUrl())
                        .setUsername(db.user())
                        .setPassword(db.password())
                        .setQuery("select id, user_id, amount, ts from " + table)
                        .setRowTypeInfo(types)
                        .setFetchSize(10_000)
                        .setAutoCommit(false)
                        .finish();
        StreamExecutionEnvironment env = BenchJobs.environment();
        env.createInput(input, types)
                .map(PostgresBench::json, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .sinkTo(BenchJobs.byteSink(output));
        return new Object[] {output, env.executeAsync("bench-jdbc")};
    }

    private static byte[] json(Row row) {
        return String.format(
                        Locale.ROOT,
                        "{\"id\":%d,\"user_id\":\"%s\",\"amount\":%s,\"ts\":\"%s\"}",
                        row.getField(0),
                        row.getField(1),
                        row.getField(2),
                        ((java.sql.Timestamp) row.getField(3)).toInstant())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Rows per second the poller reads and decodes the whole table at, in batches of 10,000. */
    private static double pollerRate(String table, int rows) throws Exception {
        ThymeConf conf =
                LocalPostgres.conf(
                        LocalKafka.bootstrapServers(), "x", BenchJobs.CHECKPOINT_INTERVAL);
        JobSpec spec = spec(conf, table);
        double best = 0;
        for (int round = 0; round < 3; round++) {
            try (PostgresSnapshotPoller poller = poller(conf, spec, table)) {
                long start = System.nanoTime();
                int read = readPoll(poller, PollingSplit.initial(0, 1)).rows();
                if (read != rows) {
                    throw new IllegalStateException(
                            "the poller read " + read + " of " + rows + " rows");
                }
                best = Math.max(best, rows * 1e9 / (System.nanoTime() - start));
            }
        }
        return best;
    }

    private static PostgresSnapshotPoller poller(ThymeConf conf, JobSpec spec, String table) {
        return poller(conf, spec, table, Duration.ofSeconds(1), Duration.ZERO);
    }

    private static PostgresSnapshotPoller poller(
            ThymeConf conf, JobSpec spec, String table, Duration every, Duration maxLateness) {
        return new PostgresSnapshotPoller(
                conf.connection(PostgresConnections.SECTION, "pg").orElseThrow(),
                table,
                new EventSchema(spec.dataset()),
                "ts",
                new PollingSettings(every, maxLateness, 10_000, 1));
    }

    /**
     * About 100 rows a second inserted (10 every 100 ms, stamped now()) for {@code seconds} while
     * the poller polls every {@code every} with {@code maxLateness}: the rows the database returned
     * to the poller per row inserted, and the table's index heap fetches for information.
     */
    private static void steadyInserts(
            String table, Duration every, Duration maxLateness, int seconds) throws Exception {
        createTable(table, 100_000);
        ThymeConf conf =
                LocalPostgres.conf(
                        LocalKafka.bootstrapServers(), "x", BenchJobs.CHECKPOINT_INTERVAL);
        JobSpec spec = spec(conf, table);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        AtomicLong inserted = new AtomicLong();
        try (Connection writer = LocalPostgres.connect();
                Statement insert = writer.createStatement();
                PostgresSnapshotPoller poller = poller(conf, spec, table, every, maxLateness)) {
            PollingSplit[] split = {PollingSplit.initial(0, 1)};
            split[0] = split[0].withPosition(readPoll(poller, split[0]).end());
            long heapBefore = heapFetches(clock, table);
            ScheduledFuture<?> writing =
                    clock.scheduleAtFixedRate(
                            () -> {
                                long id = 10_000_000 + inserted.get();
                                try {
                                    insert.execute(
                                            "insert into "
                                                    + table
                                                    + " select g, 'steady', 1, now() from"
                                                    + " generate_series("
                                                    + id
                                                    + ", "
                                                    + (id + 9)
                                                    + ") g");
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                                inserted.addAndGet(10);
                            },
                            0,
                            100,
                            TimeUnit.MILLISECONDS);
            long fetched = 0;
            long end = System.currentTimeMillis() + seconds * 1000L;
            while (System.currentTimeMillis() < end) {
                PollResult poll =
                        clock.schedule(
                                        () -> readPoll(poller, split[0]),
                                        every.toMillis(),
                                        TimeUnit.MILLISECONDS)
                                .get();
                fetched += poll.rows();
                split[0] = split[0].withPosition(poll.end());
            }
            writing.cancel(false);
            clock.schedule(() -> null, 200, TimeUnit.MILLISECONDS).get();
            fetched += readPoll(poller, split[0]).rows();
            long rows = inserted.get();
            System.out.printf(
                    Locale.ROOT,
                    "steady inserts, every %s, max_lateness %s, %d s: %,d rows inserted, %,d"
                            + " fetched; rows fetched per row inserted: %.2f (index heap fetches"
                            + " %,d)%n",
                    every,
                    maxLateness,
                    seconds,
                    rows,
                    fetched,
                    fetched / (double) rows,
                    heapFetches(clock, table) - heapBefore);
        } finally {
            clock.shutdownNow();
        }
    }

    /** The table's index heap fetches, once the statistics of recent sessions have been flushed. */
    private static long heapFetches(ScheduledExecutorService clock, String table) throws Exception {
        return clock.schedule(
                        () -> {
                            try (Connection connection = LocalPostgres.connect();
                                    Statement statement = connection.createStatement();
                                    ResultSet result =
                                            statement.executeQuery(
                                                    "select coalesce(idx_tup_fetch, 0) from"
                                                            + " pg_stat_user_tables where relname"
                                                            + " = '"
                                                            + table
                                                            + "'")) {
                                return result.next() ? result.getLong(1) : 0L;
                            }
                        },
                        1500,
                        TimeUnit.MILLISECONDS)
                .get();
    }

    /** What one poll read: its rows and the position it reached. */
    record PollResult(int rows, PollPosition end) {}

    static PollResult readPoll(PostgresSnapshotPoller poller, PollingSplit split) throws Exception {
        int read = 0;
        try (Poll poll = poller.open(split)) {
            while (!poll.done()) {
                for (PolledRecord record : poll.next(10_000)) {
                    if (record.isRow()) {
                        read++;
                    }
                }
            }
            return new PollResult(read, poll.end());
        }
    }

    /**
     * Median milliseconds of one poll that finds 1,000 new rows, from the position the first poll
     * of the table reached.
     */
    private static double pollCost(String table, int rows) throws Exception {
        createTable(table, rows);
        ThymeConf conf =
                LocalPostgres.conf(
                        LocalKafka.bootstrapServers(), "x", BenchJobs.CHECKPOINT_INTERVAL);
        JobSpec spec = spec(conf, table);
        List<Double> millis = new ArrayList<>();
        try (PostgresSnapshotPoller poller = poller(conf, spec, table)) {
            PollingSplit afterFirstPoll =
                    PollingSplit.initial(0, 1)
                            .withPosition(readPoll(poller, PollingSplit.initial(0, 1)).end());
            LocalPostgres.execute(
                    "insert into "
                            + table
                            + " select g, 'new-' || g, 1, now() from generate_series(1, 1000) g");
            for (int i = 0; i < 11; i++) {
                long start = System.nanoTime();
                int read = readPoll(poller, afterFirstPoll).rows();
                if (i > 0) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
                if (read != 1000) {
                    throw new IllegalStateException(
                            "the poll read " + read + " rows, expected 1,000");
                }
            }
        }
        Collections.sort(millis);
        return millis.get(millis.size() / 2);
    }
}
