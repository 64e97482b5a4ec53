package io.thyme.job;

import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * On the standalone cluster, three datasets in one job: User (PostgresSource, cdc debezium), Order
 * (PostgresSource, polling the same database) and Click (KafkaSource). The database kills User's
 * replication connection, a real task failure; the cluster's region failover restarts User's tasks
 * only (the datasets' branches share no edge), Order's and Click's keep attempt 0, and every row
 * written before and after the failure reaches its dataset's topic exactly once. With {@code
 * jobmanager.execution.failover-strategy: full} the whole job restarts and this fails.
 */
final class DatasetIsolationOnCluster {
    /** The cluster the scenario runs on: how a job of several specs is submitted and cancelled. */
    interface Cluster {
        /** Submits one job of {@code specs} with the conf directory {@code conf}. */
        JobID submit(Path conf, List<Path> specs) throws Exception;

        void cancel(JobID job) throws Exception;

        FlinkRest rest();
    }

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> DATASETS = List.of("User", "Order", "Click");

    private final Cluster cluster;
    private final Path dir;

    DatasetIsolationOnCluster(Cluster cluster, Path dir) {
        this.cluster = cluster;
        this.dir = dir;
    }

    void aFailingDatasetRestartsAloneAndEveryDatasetDeliversOnce() throws Exception {
        String prefix = LocalKafka.unique("iso") + ".";
        Path conf = conf(prefix);
        String base = LocalKafka.unique("iso").replace('-', '_');
        String users = base + "_users";
        String orders = base + "_orders";
        String clicks = LocalKafka.unique("clicks");
        for (String table : List.of(users, orders)) {
            LocalPostgres.execute(
                    "create table " + table + " (id bigint primary key, ts timestamptz not null)");
        }
        LocalPostgres.execute("alter table " + users + " replica identity full");
        LocalKafka.createTopic(clicks, 1);
        List<Path> specs =
                List.of(
                        spec(
                                "User",
                                "{kind: PostgresSource, database: pg, table: "
                                        + users
                                        + ", slot_name: "
                                        + users
                                        + "}",
                                "  cdc: debezium"),
                        spec(
                                "Order",
                                "{kind: PostgresSource, database: pg, table: " + orders + "}",
                                "  cursor: ts\n  every: 1s"),
                        spec(
                                "Click",
                                "{kind: KafkaSource, cluster: local, topic: " + clicks + "}"));
        write(users, orders, clicks, 1, 10);
        JobID job = cluster.submit(conf, specs);
        try {
            for (String dataset : DATASETS) {
                assertThat(LocalKafka.readCommitted(prefix + dataset, 10, WAIT, Duration.ZERO))
                        .as("%s's rows written before the failure", dataset)
                        .hasSize(10);
            }
            Map<String, Integer> before = attempts(job);
            assertThat(before)
                    .as("attempts before the failure")
                    .containsOnly(
                            Map.entry("User", 0), Map.entry("Order", 0), Map.entry("Click", 0));

            // an infrastructure failure of one dataset: the database kills its replication
            // connection (retried until the slot's walsender is there to kill)
            await("the User dataset's walsender terminated")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> LocalPostgres.terminateWalsender(users));
            await("the User dataset's tasks restarted")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> attempts(job).get("User") > 0);
            write(users, orders, clicks, 11, 20);
            for (String dataset : DATASETS) {
                List<ConsumerRecord<byte[], byte[]>> rows =
                        LocalKafka.readCommitted(prefix + dataset, 20, WAIT, Duration.ofSeconds(3));
                assertThat(ids(rows))
                        .as("%s's rows written before and after the failure, each once", dataset)
                        .hasSize(20)
                        .doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expectedIds());
            }
            Map<String, Integer> after = attempts(job);
            assertThat(after)
                    .as("only the User dataset's tasks were restarted (region failover)")
                    .containsEntry("Order", 0)
                    .containsEntry("Click", 0);
            assertThat(after.get("User")).isPositive();
            JsonNode entries =
                    cluster.rest()
                            .get("/jobs/" + job + "/exceptions")
                            .path("exceptionHistory")
                            .path("entries");
            assertThat(entries)
                    .as("the User dataset's failure in the exception history")
                    .isNotEmpty();
            for (JsonNode entry : entries) {
                assertThat(entry.path("taskName").asText())
                        .as("a failure in the exception history: %s", entry.path("exceptionName"))
                        .contains("User: PostgresSource")
                        .doesNotContain("Order:", "Click:");
            }
            assertThat(cluster.rest().jobStatus(job)).isEqualTo("RUNNING");
            assertThat(failoverStrategy())
                    .as("the cluster's jobmanager.execution.failover-strategy")
                    .isEqualTo("region");
        } finally {
            cluster.cancel(job);
            LocalPostgres.execute(
                    "select pg_drop_replication_slot(slot_name) from pg_replication_slots"
                            + " where slot_name = '"
                            + users
                            + "' and not active");
        }
    }

    /**
     * A conf directory: the local broker, the local database (its password from E2E_SECRET_PG, set
     * where the job's main runs), the sink writing {@code prefix}.
     */
    private Path conf(String prefix) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("isolation-conf"));
        Files.writeString(
                conf.resolve("thyme.yaml"),
                String.join(
                        "\n",
                        "kafka: {local: {bootstrap_servers: \""
                                + LocalKafka.bootstrapServers()
                                + "\"}}",
                        "postgres:",
                        "  pg: {host: 127.0.0.1, port: "
                                + LocalPostgres.port()
                                + ", database: thyme, user: thyme, password: \"${env:E2E_SECRET_PG}\"}",
                        "sink: {cluster: local, topic_prefix: \""
                                + prefix
                                + "\", transactional_id_prefix: \""
                                + prefix
                                + "\"}",
                        "job: {checkpoint_interval: 1s}",
                        ""));
        return conf;
    }

    private Path spec(String dataset, String connector, String... options) throws Exception {
        return Files.writeString(
                dir.resolve(dataset.toLowerCase(java.util.Locale.ROOT) + "-isolation.yaml"),
                String.join(
                        "\n",
                        "dataset:",
                        "  name: " + dataset,
                        "  fields: {id: {type: int, key: true}, ts: {type: datetime, timestamp:"
                                + " true}}",
                        "source:",
                        "  connector: " + connector,
                        "  max_lateness: 10m",
                        String.join("\n", options),
                        ""));
    }

    /** Rows {@code from..to} of each dataset: users and orders in their tables, clicks in Kafka. */
    private static void write(String users, String orders, String clicks, int from, int to)
            throws Exception {
        for (String table : List.of(users, orders)) {
            LocalPostgres.execute(
                    "insert into "
                            + table
                            + " select g, now() from generate_series("
                            + from
                            + ", "
                            + to
                            + ") g");
        }
        List<String> values = new ArrayList<>();
        for (int id = from; id <= to; id++) {
            values.add("{\"id\":" + id + ",\"ts\":\"" + Instant.now() + "\"}");
        }
        LocalKafka.produce(clicks, values);
    }

    private static List<String> expectedIds() {
        List<String> ids = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            ids.add(String.valueOf(id));
        }
        return ids;
    }

    /** The id of each record, from its JSON value. */
    private static List<String> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> text(r.value()).replaceAll("^\\{\"id\":([0-9]+).*", "$1"))
                .collect(Collectors.toList());
    }

    /** Per dataset: the highest attempt number of any subtask of the vertices named after it. */
    private Map<String, Integer> attempts(JobID job) throws Exception {
        Map<String, Integer> highest = new LinkedHashMap<>();
        for (JsonNode vertex : cluster.rest().get("/jobs/" + job).path("vertices")) {
            String name = vertex.path("name").asText();
            String dataset =
                    DATASETS.stream()
                            .filter(d -> name.contains(d + ":"))
                            .findFirst()
                            .orElse("a vertex of no dataset: " + name);
            JsonNode subtasks =
                    cluster.rest()
                            .get("/jobs/" + job + "/vertices/" + vertex.path("id").asText())
                            .path("subtasks");
            for (JsonNode subtask : subtasks) {
                highest.merge(dataset, subtask.path("attempt").asInt(), Math::max);
            }
        }
        return highest;
    }

    private String failoverStrategy() throws Exception {
        for (JsonNode option : cluster.rest().get("/jobmanager/config")) {
            if ("jobmanager.execution.failover-strategy".equals(option.path("key").asText())) {
                return option.path("value").asText();
            }
        }
        return "not set (Flink's default, region)";
    }
}
