package io.thyme.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import io.thyme.testing.TestJobs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several PostgresSource datasets in one job: bad data in one holds none of the others back. */
class PostgresDatasetIsolationITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);

    @BeforeAll
    static void serversAreUp() {
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
    }

    @Test
    void fourDatasetsInOneJobAllDeliverWhileOneTableHoldsValuesNoEventCanHold() throws Exception {
        String base = LocalKafka.unique("iso").replace('-', '_');
        String prefix = LocalKafka.unique("pgiso") + ".";
        ThymeConf conf =
                LocalPostgres.conf(LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500));
        List<JobSpec> specs = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            String name = base + "_d" + d;
            LocalPostgres.execute(
                    "create table " + name + " (id int, amount float8, ts timestamptz)",
                    "insert into "
                            + name
                            + " select g, g, '"
                            + T0
                            + "'::timestamptz + g * interval '1 ms' from generate_series(1, 50) g");
            if (d == 0) {
                LocalPostgres.execute(
                        "insert into "
                                + name
                                + " values (-1, 1, 'infinity'), (-2, 'NaN', '"
                                + T0
                                + "'), (-3, '-Infinity', '"
                                + T0
                                + "'), (-4, 1, '-infinity')");
            }
            specs.add(
                    new SpecLoader(conf)
                            .parse(
                                    "d" + d + ".yaml",
                                    String.join(
                                            "\n",
                                            "dataset:",
                                            "  name: Dataset" + d,
                                            "  fields:",
                                            "    id: {type: int, key: true}",
                                            "    amount: float",
                                            "    ts: {type: datetime, timestamp: true}",
                                            "source:",
                                            "  connector: {kind: PostgresSource, database: pg,"
                                                    + " table: "
                                                    + name
                                                    + "}",
                                            "  cursor: ts",
                                            "  every: 1s",
                                            "  max_lateness: 10m",
                                            "")));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobAssembler.assemble(env, specs, conf);
        JobClient job = env.executeAsync("four datasets");
        try {
            for (int d = 0; d < 4; d++) {
                assertThat(
                                LocalKafka.readCommitted(
                                        prefix + "Dataset" + d, 50, WAIT, Duration.ofSeconds(1)))
                        .as("Dataset%d's events", d)
                        .hasSize(50);
            }
            assertThat(
                            LocalKafka.readCommitted(
                                    prefix + "Dataset0.errors", 4, WAIT, Duration.ofSeconds(1)))
                    .hasSize(4);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }
}
