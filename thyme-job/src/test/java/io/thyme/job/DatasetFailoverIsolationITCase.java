package io.thyme.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.FlinkLines;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import io.thyme.testing.TestJobs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two datasets in one job, one failing for real: the database kills the replication connection of a
 * PostgresSource (cdc debezium) dataset, its task fails and Flink restarts it; the other dataset's
 * (a KafkaSource) tasks are not restarted (region failover: the datasets' branches share no edge),
 * and both datasets deliver afterwards.
 */
class DatasetFailoverIsolationITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeAll
    static void serversAreUp() {
        FlinkLines.assumeFlinkCdcRuns();
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
    }

    private static JsonNode rest(URI base, String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    /** Per job vertex whose name mentions {@code dataset}: the highest attempt of its subtasks. */
    private static int attempts(URI rest, JobClient job, String dataset) throws Exception {
        int highest = -1;
        for (JsonNode vertex : rest(rest, "jobs/" + job.getJobID()).path("vertices")) {
            if (!vertex.path("name").asText().contains(dataset + ":")) {
                continue;
            }
            JsonNode subtasks =
                    rest(rest, "jobs/" + job.getJobID() + "/vertices/" + vertex.path("id").asText())
                            .path("subtasks");
            for (JsonNode subtask : subtasks) {
                highest = Math.max(highest, subtask.path("attempt").asInt());
            }
        }
        return highest;
    }

    private static void insert(String table, long id) throws java.sql.SQLException {
        LocalPostgres.execute(
                "insert into " + table + " values (" + id + ", 'n" + id + "', now())");
    }

    @Test
    void aFailingDatasetRestartsAloneAndBothDeliverAfterwards(@InjectClusterRESTAddress URI rest)
            throws Exception {
        String table = LocalKafka.unique("users").replace('-', '_');
        String clicks = LocalKafka.unique("clicks");
        String prefix = LocalKafka.unique("isolation") + ".";
        LocalPostgres.execute(
                "create table "
                        + table
                        + " (id bigint primary key, name text not null, ts timestamptz not null)");
        LocalPostgres.execute("alter table " + table + " replica identity full");
        LocalKafka.createTopic(clicks, 1);
        ThymeConf conf =
                LocalPostgres.conf(LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500));
        SpecLoader loader = new SpecLoader(conf);
        JobSpec users = LocalPostgres.userLogSpec(conf, table, "1h");
        JobSpec clicksSpec =
                loader.parse(
                        "clicks.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Click",
                                "  fields:",
                                "    id: {type: str, key: true}",
                                "    ts: {type: datetime, timestamp: true}",
                                "source:",
                                "  connector: {kind: KafkaSource, cluster: local, topic: "
                                        + clicks
                                        + "}",
                                "  max_lateness: 1h",
                                ""));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(TestJobs.restartingOnFailure());
        env.setParallelism(1);
        JobAssembler.assemble(env, List.of(users, clicksSpec), conf);
        JobClient job = env.executeAsync("isolation");
        Map<String, Integer> before = new HashMap<>();
        try {
            insert(table, 1);
            LocalKafka.produce(clicks, List.of(click("c1")));
            assertThat(LocalKafka.readCommitted(prefix + "User", 1, WAIT, Duration.ZERO))
                    .hasSize(1);
            assertThat(LocalKafka.readCommitted(prefix + "Click", 1, WAIT, Duration.ZERO))
                    .hasSize(1);
            before.put("User", attempts(rest, job, "User"));
            before.put("Click", attempts(rest, job, "Click"));
            assertThat(before).containsEntry("User", 0).containsEntry("Click", 0);

            // an infrastructure failure of one dataset: its replication connection is killed
            // (retried: between two connections of the log source no walsender is there to kill)
            Awaitility.await("a walsender of the User dataset's slot killed")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> LocalPostgres.terminateWalsender(table));
            Awaitility.await("the User dataset's task restarted")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> attempts(rest, job, "User") > 0);
            Awaitility.await("the job running again")
                    .atMost(WAIT)
                    .until(() -> job.getJobStatus().get() == JobStatus.RUNNING);

            insert(table, 2);
            LocalKafka.produce(clicks, List.of(click("c2")));
            assertThat(LocalKafka.readCommitted(prefix + "User", 2, WAIT, Duration.ZERO))
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(LocalKafka.readCommitted(prefix + "Click", 2, WAIT, Duration.ZERO))
                    .hasSize(2);
            assertThat(attempts(rest, job, "Click"))
                    .as("the Click dataset's tasks were not restarted")
                    .isZero();
            assertThat(
                            rest(rest, "jobs/" + job.getJobID() + "/exceptions")
                                    .path("exceptionHistory")
                                    .path("entries"))
                    .as("the User dataset's failure in the exception history")
                    .isNotEmpty();
        } finally {
            job.cancel().get();
            LocalPostgres.execute(
                    "select pg_drop_replication_slot(slot_name) from pg_replication_slots"
                            + " where slot_name = '"
                            + table
                            + "' and not active");
        }
    }

    private static String click(String id) {
        return "{\"id\":\"" + id + "\",\"ts\":\"" + Instant.now() + "\"}";
    }
}
