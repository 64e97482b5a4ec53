package io.thyme.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.JobConf;
import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import io.thyme.testing.TestJobs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * More Postgres buckets than readers: one reader polls four buckets in turn, each with a backlog
 * whose rows span far more event time than max_lateness, and idle_timeout is short. A bucket that
 * went idle between its batches and came back would send its rows to {@code .late}.
 */
class PostgresBucketIdlenessITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final int ROWS = 20_000;

    @BeforeAll
    static void serversAreUp() {
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
    }

    @Test
    void fourBucketsWithABacklogOnOneReaderSendNothingLate() throws Exception {
        String table = LocalKafka.unique("backlog").replace('-', '_');
        String prefix = LocalKafka.unique("idle") + ".";
        LocalPostgres.execute(
                "create table "
                        + table
                        + " (id bigint primary key, user_id text not null, ts timestamptz not"
                        + " null)",
                "create index on " + table + " (ts)");
        // one row a minute over two weeks, inserted in random order
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(15));
        LocalPostgres.execute(
                String.format(
                        "insert into %s select g, 'u' || g, timestamptz '%s' + g * interval '1"
                                + " minute' from generate_series(1, %d) g order by random()",
                        table, start, ROWS));
        ThymeConf base =
                LocalPostgres.conf(LocalKafka.bootstrapServers(), prefix, Duration.ofSeconds(1));
        ThymeConf conf =
                new ThymeConf(
                        base.file(),
                        base.kafka(),
                        base.sections(),
                        base.sink(),
                        new JobConf(Duration.ofSeconds(1), Duration.ofMillis(200)));
        JobSpec spec =
                new SpecLoader(conf)
                        .parse(
                                "backlog.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: Row",
                                        "  fields:",
                                        "    id: {type: int, key: true}",
                                        "    user_id: str",
                                        "    ts: {type: datetime, timestamp: true}",
                                        "source:",
                                        "  connector: {kind: PostgresSource, database: pg, table: "
                                                + table
                                                + ", buckets: 4, batch_size: 200}",
                                        "  cursor: ts",
                                        "  every: 1s",
                                        "  max_lateness: 5m",
                                        ""));
        JobClient job = TestJobs.start(conf, spec, 1, new Configuration());
        try {
            assertThat(
                            LocalKafka.readCommitted(
                                    prefix + "Row",
                                    ROWS,
                                    Duration.ofSeconds(120),
                                    Duration.ofSeconds(2)))
                    .as("rows of the backlog in the dataset topic")
                    .hasSize(ROWS);
            assertThat(
                            LocalKafka.readCommitted(
                                    prefix + "Row.late", 1, Duration.ofSeconds(3), Duration.ZERO))
                    .as("rows of the backlog sent to .late")
                    .isEmpty();
        } finally {
            job.cancel().get();
        }
    }
}
