package io.thyme.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.event.EventSchema;
import io.thyme.polling.Poll;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.split.PollingSplit;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot poller against a real PostgreSQL, driven poll by poll: every committed row version
 * is returned exactly once across polls, whatever the driver's transfer mode, the order in which
 * writers commit, the column's collation, a table rewrite or an interrupted poll.
 */
class PostgresSnapshotPollerITCase {
    private String table;
    private ThymeConf conf;
    private final List<Connection> writers = new ArrayList<>();

    @BeforeAll
    static void postgresIsUp() {
        LocalPostgres.requireRunning();
    }

    @BeforeEach
    void names() {
        table = LocalKafka.unique("snap").replace('-', '_');
        conf = LocalPostgres.conf(LocalKafka.bootstrapServers(), "x.", Duration.ofSeconds(1));
    }

    @AfterEach
    void closeWriters() throws Exception {
        for (Connection writer : writers) {
            writer.close();
        }
    }

    private Connection writer() throws Exception {
        Connection writer = LocalPostgres.connect();
        writer.setAutoCommit(false);
        writers.add(writer);
        return writer;
    }

    private static void run(Connection connection, String... statements) throws Exception {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private JobSpec spec(String fields, String cursor) {
        return new SpecLoader(conf)
                .parse(
                        "pg.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Row",
                                "  fields:",
                                fields,
                                "source:",
                                "  connector: {kind: PostgresSource, database: pg, table: "
                                        + table
                                        + "}",
                                "  cursor: " + cursor,
                                "  every: 1s",
                                ""));
    }

    /** Drives polls of one split by hand, remembering the position each one reached. */
    private final class Polls implements AutoCloseable {
        private final PostgresSnapshotPoller poller;
        private PollingSplit split;

        Polls(JobSpec spec, String cursor, Duration maxLateness, int bucket, int buckets) {
            poller =
                    new PostgresSnapshotPoller(
                            conf.connection(PostgresConnections.SECTION, "pg").orElseThrow(),
                            table,
                            new EventSchema(spec.dataset()),
                            cursor,
                            new PollingSettings(Duration.ofSeconds(1), maxLateness, 100, buckets));
            split = PollingSplit.initial(bucket, buckets);
        }

        /** One whole poll: the rows it returned, events and invalid rows alike. */
        List<PolledRecord> poll() throws Exception {
            List<PolledRecord> rows = new ArrayList<>();
            try (Poll poll = poller.open(split)) {
                while (!poll.done()) {
                    poll.next(100).stream().filter(PolledRecord::isRow).forEach(rows::add);
                }
                split = split.withPosition(poll.end());
            }
            return rows;
        }

        /** One whole poll, running {@code between} after its first batch is read. */
        List<PolledRecord> poll(Callable<?> between) throws Exception {
            List<PolledRecord> rows = new ArrayList<>();
            try (Poll poll = poller.open(split)) {
                poll.next(100).stream().filter(PolledRecord::isRow).forEach(rows::add);
                between.call();
                while (!poll.done()) {
                    poll.next(100).stream().filter(PolledRecord::isRow).forEach(rows::add);
                }
                split = split.withPosition(poll.end());
            }
            return rows;
        }

        /** Reads one batch of a poll, then stops it as a failure would, keeping where it was. */
        List<PolledRecord> pollCutShortAfterOneBatch() throws Exception {
            List<PolledRecord> rows = new ArrayList<>();
            try (Poll poll = poller.open(split)) {
                poll.next(100).stream().filter(PolledRecord::isRow).forEach(rows::add);
                assertThat(poll.done()).as("a poll with more than one batch").isFalse();
                split = split.withPosition(poll.resumePosition());
            }
            return rows;
        }

        @Override
        public void close() {
            poller.close();
        }
    }

    private static List<Object> field(List<PolledRecord> rows, int index) {
        return rows.stream()
                .map(r -> r.decoded().isLeft() ? r.decoded().left().getField(index) : null)
                .collect(Collectors.toList());
    }

    private static Map<Object, Integer> counts(List<Object> values) {
        Map<Object, Integer> counts = new HashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }

    @Test
    void twelvePollsOverRowsSharingOneCursorValueReturnEachOnceAsTheDriverSwitchesToBinary()
            throws Exception {
        LocalPostgres.execute(
                "create table " + table + " (id int, amount float8, ts timestamptz)",
                "create index on " + table + " (ts)",
                "insert into "
                        + table
                        + " select g, case when g % 2 = 0 then g else g + 0.5 end,"
                        + " '2024-05-01T10:00:00Z' from generate_series(1, 1000) g");
        JobSpec spec =
                spec(
                        "    id: int\n    amount: float\n    ts: {type: datetime, timestamp: true}",
                        "ts");
        List<PolledRecord> all = new ArrayList<>();
        try (Polls polls = new Polls(spec, "ts", Duration.ofMinutes(5), 0, 1)) {
            for (int i = 0; i < 12; i++) {
                all.addAll(polls.poll());
                if (i == 6) {
                    LocalPostgres.execute(
                            "insert into " + table + " values (1001, 1.0, '2024-05-01T10:00:00Z')");
                }
            }
        }
        assertThat(all).hasSize(1001);
        assertThat(counts(field(all, 0)).values()).containsOnly(1);
        assertThat(field(all, 1)).contains(2.0, 1.5, 1.0);
    }

    @Test
    void twoWritersCommittingSequenceValuesInReverseOrderLoseNothing() throws Exception {
        LocalPostgres.execute(
                "create table "
                        + table
                        + " (id bigserial primary key, note text, ts timestamptz default now())");
        JobSpec spec =
                spec(
                        "    id: {type: int, key: true}\n    note: str\n"
                                + "    ts: {type: datetime, timestamp: true}",
                        "id");
        List<PolledRecord> all = new ArrayList<>();
        try (Polls polls = new Polls(spec, "id", Duration.ZERO, 0, 1)) {
            for (int round = 0; round < 10; round++) {
                Connection slow = writer();
                Connection fast = writer();
                run(slow, "insert into " + table + " (note) values ('slow-" + round + "')");
                run(fast, "insert into " + table + " (note) values ('fast-" + round + "')");
                fast.commit();
                all.addAll(polls.poll());
                slow.commit();
                all.addAll(polls.poll());
            }
            all.addAll(polls.poll());
        }
        assertThat(all).hasSize(20);
        assertThat(counts(field(all, 1)).values()).containsOnly(1);
    }

    @Test
    void aLongTransactionThatStampedNowBeforeOthersCommittedArrivesOnceWithMaxLatenessZero()
            throws Exception {
        LocalPostgres.execute(
                "create table " + table + " (note text, ts timestamptz not null default now())",
                "create index on " + table + " (ts)");
        JobSpec spec = spec("    note: str\n    ts: {type: datetime, timestamp: true}", "ts");
        List<PolledRecord> all = new ArrayList<>();
        try (Polls polls = new Polls(spec, "ts", Duration.ZERO, 0, 1)) {
            Connection longOne = writer();
            // takes now() and an xid, then writes more inside a savepoint (a subtransaction)
            run(longOne, "insert into " + table + " (note) values ('long-1')");
            run(longOne, "savepoint s", "insert into " + table + " (note) values ('long-2')");
            run(longOne, "release savepoint s");
            Connection stampsFirst = writer();
            run(stampsFirst, "select now()");
            for (int i = 0; i < 5; i++) {
                LocalPostgres.execute(
                        "insert into " + table + " (note) values ('quick-" + i + "')");
                all.addAll(polls.poll());
            }
            run(stampsFirst, "insert into " + table + " (note) values ('stamped-early')");
            stampsFirst.commit();
            all.addAll(polls.poll());
            longOne.commit();
            all.addAll(polls.poll());
            all.addAll(polls.poll());
        }
        assertThat(field(all, 0))
                .containsExactlyInAnyOrder(
                        "quick-0",
                        "quick-1",
                        "quick-2",
                        "quick-3",
                        "quick-4",
                        "stamped-early",
                        "long-1",
                        "long-2");
    }

    @Test
    void aTextCursorFollowsTheColumnsCollationAndReReadsNothing() throws Exception {
        LocalPostgres.execute(
                "create table "
                        + table
                        + " (code text collate \"en-US-x-icu\", ts timestamptz default now())",
                "create index on " + table + " (code)",
                "insert into " + table + " (code) values ('B'), ('a'), ('C'), ('b')");
        JobSpec spec = spec("    code: str\n    ts: {type: datetime, timestamp: true}", "code");
        List<PolledRecord> all = new ArrayList<>();
        try (Polls polls = new Polls(spec, "code", Duration.ZERO, 0, 1)) {
            all.addAll(polls.poll());
            assertThat(field(all, 0)).containsExactly("a", "b", "B", "C");
            for (int i = 0; i < 10; i++) {
                all.addAll(polls.poll());
            }
            // in this collation c < C < d < D (in Java's order C < D < c < d): 'c' is behind the
            // newest value and, with a text cursor, not read again; 'd' and 'E' are ahead of it
            LocalPostgres.execute("insert into " + table + " (code) values ('c'), ('d'), ('E')");
            all.addAll(polls.poll());
            all.addAll(polls.poll());
        }
        assertThat(field(all, 0)).containsExactly("a", "b", "B", "C", "d", "E");
    }

    @Test
    void aTableRewriteMidRunReReadsNothing() throws Exception {
        LocalPostgres.execute(
                "create table " + table + " (id int, ts timestamptz)",
                "create index on " + table + " (ts)",
                "insert into " + table + " select g, now() from generate_series(1, 300) g",
                "delete from " + table + " where id % 3 = 0");
        JobSpec spec = spec("    id: int\n    ts: {type: datetime, timestamp: true}", "ts");
        List<PolledRecord> all = new ArrayList<>();
        try (Polls polls = new Polls(spec, "ts", Duration.ofHours(1), 0, 1)) {
            all.addAll(polls.poll());
            LocalPostgres.execute("vacuum full " + table);
            all.addAll(polls.poll());
            LocalPostgres.execute("cluster " + table + " using " + table + "_ts_idx");
            LocalPostgres.execute("insert into " + table + " values (1000, now())");
            all.addAll(polls.poll());
            all.addAll(polls.poll());
        }
        assertThat(all).hasSize(201);
        assertThat(counts(field(all, 0)).values()).containsOnly(1);
    }

    @Test
    void aKeylessDatasetSplitsIntoDisjointBucketsThatCoverTheTable() throws Exception {
        LocalPostgres.execute(
                "create table " + table + " (v int, ts timestamptz)",
                "insert into " + table + " select g % 50, now() from generate_series(1, 500) g");
        JobSpec spec = spec("    v: int\n    ts: {type: datetime, timestamp: true}", "ts");
        List<PolledRecord> all = new ArrayList<>();
        for (int bucket = 0; bucket < 3; bucket++) {
            try (Polls polls = new Polls(spec, "ts", Duration.ofMinutes(1), bucket, 3)) {
                List<PolledRecord> rows = polls.poll();
                assertThat(rows).as("bucket %d", bucket).isNotEmpty();
                all.addAll(rows);
                assertThat(polls.poll()).isEmpty();
            }
        }
        assertThat(all).hasSize(500);
    }

    @Test
    void infinityAndNanBecomeInvalidRowsAndDoNotStopTheCursor() throws Exception {
        LocalPostgres.execute(
                "create table " + table + " (id int, amount float8, ts timestamptz)",
                "create index on " + table + " (ts)",
                "insert into "
                        + table
                        + " values (1, 1, '2024-05-01T10:00:00Z'), (2, 1, 'infinity'),"
                        + " (3, 'NaN', '2024-05-01T10:00:01Z'), (4, 1, '-infinity')");
        JobSpec spec =
                spec(
                        "    id: int\n    amount: float\n    ts: {type: datetime, timestamp: true}",
                        "ts");
        List<PolledRecord> all = new ArrayList<>();
        try (Polls polls = new Polls(spec, "ts", Duration.ofMinutes(1), 0, 1)) {
            all.addAll(polls.poll());
            LocalPostgres.execute(
                    "insert into " + table + " values (5, 2, '2024-05-01T10:00:02Z')");
            all.addAll(polls.poll());
            all.addAll(polls.poll());
        }
        assertThat(all).hasSize(5);
        List<String> reasons =
                all.stream()
                        .filter(r -> r.decoded().isRight())
                        .map(r -> r.decoded().right())
                        .map(invalid -> invalid.reason)
                        .collect(Collectors.toList());
        assertThat(reasons).hasSize(3);
        assertThat(reasons).anyMatch(r -> r.contains("column ts") && r.contains("outside"));
        assertThat(reasons).anyMatch(r -> r.contains("column amount") && r.contains("NaN"));
        assertThat(
                        all.stream()
                                .filter(r -> r.decoded().isLeft())
                                .map(r -> r.decoded().left())
                                .map((Row r) -> r.getField(0)))
                .containsExactlyInAnyOrder(1L, 5L);
    }

    @Test
    void aPollCutShortResumesWithoutRepeatingOrLosingRows() throws Exception {
        LocalPostgres.execute(
                "create table " + table + " (id int, ts timestamptz)",
                "create index on " + table + " (ts)",
                "insert into "
                        + table
                        + " select g, '2024-05-01T10:00:00Z'::timestamptz + (g / 7) * interval '1 s'"
                        + " from generate_series(1, 350) g");
        JobSpec spec = spec("    id: int\n    ts: {type: datetime, timestamp: true}", "ts");
        List<PolledRecord> all = new ArrayList<>();
        try (Polls polls = new Polls(spec, "ts", Duration.ofMinutes(5), 0, 1)) {
            all.addAll(polls.pollCutShortAfterOneBatch());
            // committed between the attempts, some behind the cut, some ahead of it
            LocalPostgres.execute(
                    "insert into "
                            + table
                            + " values (1001, '2024-05-01T10:00:00Z'), (1002, '2024-05-01T10:01:00Z')");
            all.addAll(polls.pollCutShortAfterOneBatch());
            all.addAll(polls.poll());
            all.addAll(polls.poll());
        }
        assertThat(all).hasSize(352);
        assertThat(counts(field(all, 0)).values()).containsOnly(1);
    }

    @Test
    void steadyInsertsAreFetchedOncePerRow() throws Exception {
        LocalPostgres.execute(
                "create table " + table + " (id int, ts timestamptz default now())",
                "create index on " + table + " (ts)");
        JobSpec spec = spec("    id: int\n    ts: {type: datetime, timestamp: true}", "ts");
        int fetched = 0;
        try (Polls polls = new Polls(spec, "ts", Duration.ofMinutes(1), 0, 1)) {
            for (int i = 0; i < 10; i++) {
                LocalPostgres.execute(
                        "insert into "
                                + table
                                + " (id) select g from generate_series("
                                + (i * 100)
                                + ", "
                                + (i * 100 + 99)
                                + ") g");
                fetched += polls.poll().size();
            }
        }
        assertThat(fetched).as("rows the database returned for 1,000 inserted").isEqualTo(1000);
    }

    /**
     * A row's transaction is read as its age; the poll turns ages back into ids against a base it
     * finds once, so the ages of rows the database sends in later fetches of the same statement
     * must be relative to the same base, however many transactions began meanwhile. A small table
     * is sorted whole before the first fetch, so the poller's sessions here plan without a full
     * sort (as the planner does for large tables, reading the cursor's index in order): the ages of
     * rows after the first fetch are then computed after the other transactions began.
     */
    @Test
    void aRowsTransactionIsExactWhenOtherTransactionsBeginBetweenFetches() throws Exception {
        LocalPostgres.execute(
                "create table "
                        + table
                        + " (id bigserial primary key, written bigint, ts timestamptz default now())",
                "do $$ begin for i in 1..300 loop insert into "
                        + table
                        + " (written) values (pg_current_xact_id()::text::bigint); commit;"
                        + " end loop; end $$");
        PostgresConnection local = LocalPostgres.connection("pg");
        conf =
                conf.withConnections(
                        PostgresConnections.SECTION,
                        Map.of(
                                "pg",
                                new PostgresConnection(
                                        "pg",
                                        local.host(),
                                        local.port(),
                                        local.database(),
                                        local.user(),
                                        local.password(),
                                        Map.of("options", "-c enable_sort=off"))));
        JobSpec spec =
                spec(
                        "    id: {type: int, key: true}\n    written: int\n"
                                + "    ts: {type: datetime, timestamp: true}",
                        "id");
        long[] ageBefore = new long[1];
        long[] ageAfter = new long[1];
        List<PolledRecord> all;
        try (Polls polls = new Polls(spec, "id", Duration.ZERO, 0, 1)) {
            all =
                    polls.poll(
                            () -> {
                                ageBefore[0] = ageOfThree();
                                LocalPostgres.execute(
                                        "do $$ begin for i in 1..2000 loop"
                                                + " perform pg_current_xact_id(); commit;"
                                                + " end loop; end $$");
                                ageAfter[0] = ageOfThree();
                                return null;
                            });
        }
        assertThat(ageAfter[0] - ageBefore[0])
                .as("transactions begun between the fetches")
                .isGreaterThanOrEqualTo(2000);
        assertThat(all).hasSize(300);
        assertThat(all)
                .allSatisfy(
                        r ->
                                assertThat(r.identity())
                                        .as("the transaction of row %s", r.decoded().left())
                                        .isEqualTo(r.decoded().left().getField(1)));
    }

    private static long ageOfThree() throws Exception {
        try (Connection connection = LocalPostgres.connect();
                Statement statement = connection.createStatement();
                java.sql.ResultSet result = statement.executeQuery("select age('3'::xid)")) {
            result.next();
            return result.getLong(1);
        }
    }
}
