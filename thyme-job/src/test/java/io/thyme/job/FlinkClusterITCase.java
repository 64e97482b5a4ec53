package io.thyme.job;

import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thyme.connectors.FlinkLine;
import io.thyme.connectors.iceberg.IcebergTableWriter;
import io.thyme.testing.FlinkLines;
import io.thyme.testing.LocalIceberg;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import io.thyme.testing.RunsAlone;
import io.thyme.testing.peers.BigQueryPeer;
import io.thyme.testing.peers.SnowflakePeer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar on a real standalone Flink cluster (a JobManager and a TaskManager JVM, started by
 * scripts/flink-cluster.sh), driven with Flink's own CLI the way users do: submit, watch late drops
 * through the REST API the UI uses, stop with a savepoint, resume from it, kill -9 the TaskManager.
 */
@RunsAlone // restarts the Kafka broker mid-stream
class FlinkClusterITCase {
    private static final String PORT =
            System.getenv().getOrDefault("THYME_E2E_FLINK_PORT", "18081");
    private static final String SECRET = "e2e-" + LocalKafka.unique("s3cr3t");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir Path dir;

    private static String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("THYME_FLINK_PORT", PORT);
        builder.environment().put("THYME_KAFKA_BOOTSTRAP", LocalKafka.bootstrapServers());
        builder.environment().put("E2E_SECRET", SECRET);
        builder.environment().put("E2E_SECRET_PG", "thyme");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS))
                .as("%s finished", List.of(command))
                .isTrue();
        assertThat(process.exitValue()).as("%s printed:%n%s", List.of(command), output).isZero();
        return output;
    }

    private static String match(String pattern, String text) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as("'%s' in:%n%s", pattern, text).isTrue();
        return matcher.group(1);
    }

    private static BigQueryPeer bigQuery;
    private static SnowflakePeer snowflake;

    @BeforeAll
    static void startCluster() throws Exception {
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
        bigQuery = BigQueryPeer.start();
        snowflake = SnowflakePeer.start("thyme", SECRET, null, "THYME", "PUBLIC");
        run("scripts/flink-cluster.sh", "start");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            run("scripts/flink-cluster.sh", "stop");
        } finally {
            if (bigQuery != null) {
                bigQuery.close();
            }
            if (snowflake != null) {
                snowflake.close();
            }
        }
    }

    private static List<String> payments(int from, int to, Instant base) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add(String.format("{\"id\":%d,\"ts\":\"%s\"}", i, base.plusSeconds(i)));
        }
        return values;
    }

    private String submit(Path conf, Path spec, String... savepoint) throws Exception {
        List<String> command = new ArrayList<>(List.of("scripts/flink", "run", "-d"));
        command.addAll(List.of(savepoint));
        command.addAll(
                List.of(ShadedJar.path(), "run", "--conf", conf.toString(), spec.toString()));
        return match("JobID ([0-9a-f]{32})", run(command.toArray(String[]::new)));
    }

    /** A failing dataset restarts alone: see {@link DatasetIsolationOnCluster}. */
    @Test
    void aFailingDatasetRestartsAloneOnTheCluster() throws Exception {
        FlinkLines.assumeFlinkCdcRuns(); // its failing dataset reads a Postgres log
        FlinkRest rest = new FlinkRest(URI.create("http://127.0.0.1:" + PORT));
        new DatasetIsolationOnCluster(
                        new DatasetIsolationOnCluster.Cluster() {
                            @Override
                            public JobID submit(Path conf, List<Path> specs) throws Exception {
                                List<String> command =
                                        new ArrayList<>(List.of("scripts/flink", "run", "-d"));
                                command.addAll(
                                        List.of(
                                                ShadedJar.path(),
                                                "run",
                                                "--conf",
                                                conf.toString()));
                                specs.forEach(spec -> command.add(spec.toString()));
                                return JobID.fromHexString(
                                        match(
                                                "JobID ([0-9a-f]{32})",
                                                run(command.toArray(String[]::new))));
                            }

                            @Override
                            public void cancel(JobID job) throws Exception {
                                run("scripts/flink", "cancel", job.toString());
                            }

                            @Override
                            public FlinkRest rest() {
                                return rest;
                            }
                        },
                        dir)
                .aFailingDatasetRestartsAloneAndEveryDatasetDeliversOnce();
    }

    private static Set<String> distinct(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> values = new HashSet<>();
        records.forEach(r -> values.add(text(r.value())));
        return values;
    }

    @Test
    void runsStopsWithASavepointResumesAndSurvivesAKilledTaskManager() throws Exception {
        String input = LocalKafka.unique("payments");
        String prefix = LocalKafka.unique("e2e") + ".";
        LocalKafka.createTopic(input, 1);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(
                conf.resolve("thyme.yaml"),
                String.join(
                        "\n",
                        "kafka:",
                        "  local:",
                        "    bootstrap_servers: ${env:THYME_KAFKA_BOOTSTRAP}",
                        "    properties: {ssl.key.password: \"${env:E2E_SECRET}\"}",
                        "postgres:",
                        "  pg: {host: 127.0.0.1, port: "
                                + LocalPostgres.port()
                                + ", database: thyme, user: thyme, password: \"${env:E2E_SECRET_PG}\"}",
                        "iceberg:",
                        "  lake: {type: hadoop, warehouse: \""
                                + dir.resolve("warehouse").toUri()
                                + "\"}",
                        "bigquery:",
                        "  bq: {project: thyme-e2e, credentials_file: none, endpoint: \""
                                + bigQuery.endpoint()
                                + "\"}",
                        "snowflake:",
                        "  sf: {account: peer-account, user: thyme, password: \"${env:E2E_SECRET}\","
                                + " warehouse: WH, database: THYME, schema: PUBLIC, url: \""
                                + snowflake.url()
                                + "\"}",
                        "sink: {cluster: local, topic_prefix: \""
                                + prefix
                                + "\", transactional_id_prefix: \""
                                + prefix
                                + "\"}",
                        "job: {checkpoint_interval: 1s}",
                        ""));
        Path spec =
                Files.writeString(
                        dir.resolve("payments.yaml"),
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Payment",
                                "  fields:",
                                "    id: {type: int, key: true}",
                                "    ts: {type: datetime, timestamp: true}",
                                "source:",
                                "  connector: {kind: KafkaSource, cluster: local, topic: "
                                        + input
                                        + "}",
                                "  max_lateness: 1m",
                                ""));
        Instant base = Instant.parse("2024-05-01T10:00:00Z");
        List<String> first = new ArrayList<>(payments(0, 100, base));
        first.addAll(payments(1000, 1003, base.minusSeconds(3600))); // an hour behind: late
        LocalKafka.produce(input, first);

        JobID job = JobID.fromHexString(submit(conf, spec));
        String output = prefix + "Payment";
        assertThat(LocalKafka.readCommitted(output, 100, WAIT, Duration.ofSeconds(2))).hasSize(100);
        assertThat(LocalKafka.readCommitted(output + ".late", 3, WAIT, Duration.ZERO)).hasSize(3);

        FlinkRest ui = new FlinkRest(URI.create("http://127.0.0.1:" + PORT));
        await("numLateRecordsDropped in the Flink UI")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                assertThat(
                                                ui.operatorMetric(
                                                        job,
                                                        "late events > 1m",
                                                        "numLateRecordsDropped"))
                                        .contains(3L));
        assertThat(ui.get("/jobs/" + job).path("vertices").toString())
                .contains("Payment: KafkaSource")
                .contains("Payment: late events > 1m");
        assertThat(ui.get("/jobs/" + job + "/config").toString()).doesNotContain(SECRET);

        String savepoint =
                match(
                        "Savepoint completed\\. Path: (\\S+)",
                        run(
                                "scripts/flink",
                                "stop",
                                "--savepointPath",
                                dir.resolve("savepoints").toUri().toString(),
                                job.toString()));
        LocalKafka.produce(input, payments(100, 200, base));
        JobID resumed = JobID.fromHexString(submit(conf, spec, "-s", savepoint));
        List<ConsumerRecord<byte[], byte[]>> afterRestore =
                LocalKafka.readCommitted(output, 200, WAIT, Duration.ofSeconds(2));
        assertThat(distinct(afterRestore)).hasSize(200);
        assertThat(afterRestore).as("nothing repeated after the restore").hasSize(200);

        run("scripts/flink-cluster.sh", "kill-taskmanager");
        LocalKafka.produce(input, payments(200, 300, base));
        run("scripts/flink-cluster.sh", "start-taskmanager");
        List<ConsumerRecord<byte[], byte[]>> afterKill =
                LocalKafka.readCommitted(output, 300, WAIT, Duration.ofSeconds(3));
        assertThat(distinct(afterKill)).hasSize(300);
        assertThat(afterKill).as("nothing repeated after the TaskManager was killed").hasSize(300);

        String port = LocalKafka.bootstrapServers().replaceAll(".*:", "");
        run("env", "THYME_KAFKA_PORT=" + port, "scripts/kafka.sh", "stop");
        run("env", "THYME_KAFKA_PORT=" + port, "scripts/kafka.sh", "start");
        LocalKafka.produce(input, payments(300, 400, base));
        List<ConsumerRecord<byte[], byte[]>> afterBroker =
                LocalKafka.readCommitted(
                        output, 400, Duration.ofSeconds(180), Duration.ofSeconds(3));
        assertThat(distinct(afterBroker)).hasSize(400);
        assertThat(afterBroker)
                .as("nothing lost or repeated across a broker restart, no transaction left hanging")
                .hasSize(400);

        screenshotOfTheJob(resumed);
        pollsAPostgresTableOnTheCluster(conf, prefix);
        readsAnIcebergTableOnTheCluster(conf, prefix);
        if (FlinkLine.current().runsFlink1Libraries()) {
            streamsAPostgresLogOnTheCluster(conf, prefix);
        }
        pollsWarehouseTablesOnTheCluster(conf, prefix);
        run("scripts/flink", "cancel", resumed.toString());
        // the cluster's logs are under THYME_STATE (scripts/lib.sh), .thyme by default
        Path state = Path.of(System.getenv().getOrDefault("THYME_STATE", ".thyme"));
        try (Stream<Path> logs = Files.list(state.resolve("flink-" + PORT).resolve("log"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log, StandardCharsets.UTF_8))
                        .as("the secret in %s", log)
                        .doesNotContain(SECRET);
            }
        }
    }

    /**
     * Opens the job in the Flink UI in headless Chromium (Debian's package), keeps a screenshot as
     * a build artifact and checks the page shows the late filter's vertex.
     */
    private void screenshotOfTheJob(JobID job) throws Exception {
        Path artifacts = Files.createDirectories(Path.of("thyme-job/target", "e2e"));
        String url = "http://127.0.0.1:" + PORT + "/#/job/running/" + job + "/overview";
        Path screenshot = artifacts.resolve("flink-ui-job.png").toAbsolutePath();
        chromium("--screenshot=" + screenshot, url);
        assertThat(screenshot).isNotEmptyFile();
        assertThat(chromium("--dump-dom", url))
                .as("the Flink UI's page of the job")
                .contains("Payment: late events &gt; 1m");
    }

    /**
     * Runs headless Chromium with a fresh profile, its output in a file (a pipe would wait for
     * helper processes that outlive the browser) and a time limit; a run that hangs is killed with
     * its helpers and tried again, three times at most.
     */
    private String chromium(String... arguments) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Path profile = Files.createTempDirectory("thyme-chromium");
            Path output = dir.resolve("chromium-" + attempt + ".out");
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    "chromium",
                                    "--headless",
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--no-first-run",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync",
                                    "--disable-breakpad",
                                    "--disable-crash-reporter",
                                    "--user-data-dir=" + profile,
                                    "--window-size=1600,1000",
                                    "--virtual-time-budget=15000"));
            command.addAll(List.of(arguments));
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (finished && process.exitValue() == 0) {
                return Files.readString(output, StandardCharsets.UTF_8);
            }
            assertThat(attempt)
                    .as(
                            "chromium %s failed 3 times; last output: %s",
                            List.of(arguments), Files.readString(output))
                    .isLessThan(3);
        }
    }

    /** A PostgresSource job on the same cluster: rows inserted while it runs reach the topic. */
    private void pollsAPostgresTableOnTheCluster(Path conf, String prefix) throws Exception {
        String table = LocalKafka.unique("orders").replace('-', '_');
        LocalPostgres.execute(
                "create table " + table + " (id bigint primary key, ts timestamptz not null)",
                "create index on " + table + " (ts)",
                "insert into "
                        + table
                        + " select g, now() - interval '1 minute' from generate_series(1, 50) g");
        Path spec =
                Files.writeString(
                        dir.resolve("orders.yaml"),
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Order",
                                "  fields: {id: {type: int, key: true}, ts: {type: datetime, timestamp: true}}",
                                "source:",
                                "  connector: {kind: PostgresSource, database: pg, table: "
                                        + table
                                        + "}",
                                "  cursor: ts",
                                "  every: 1s",
                                "  max_lateness: 10m",
                                ""));
        JobID orders = JobID.fromHexString(submit(conf, spec));
        LocalPostgres.execute(
                "insert into " + table + " select g, now() from generate_series(51, 80) g");
        List<ConsumerRecord<byte[], byte[]>> rows =
                LocalKafka.readCommitted(prefix + "Order", 80, WAIT, Duration.ofSeconds(3));
        assertThat(distinct(rows)).hasSize(80);
        assertThat(rows).hasSize(80);
        run("scripts/flink", "cancel", orders.toString());
    }

    /**
     * A BigQuerySource and a SnowflakeSource job on the same cluster (Google's client and
     * Snowflake's driver load from the job's jar on the TaskManager), polling the test's peers:
     * rows inserted before and while they run reach their topics once.
     */
    private void pollsWarehouseTablesOnTheCluster(Path conf, String prefix) throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String bigQueryTable = "`thyme-e2e.shop.visits`";
        bigQuery("CREATE SCHEMA shop");
        bigQuery("CREATE TABLE " + bigQueryTable + " (id INT64, ts TIMESTAMP)");
        bigQuery("INSERT INTO " + bigQueryTable + " VALUES " + rows(1, 30, now, "TIMESTAMP "));
        snowflake("CREATE TABLE shipments (id NUMBER(38,0), ts TIMESTAMP_NTZ)");
        snowflake("INSERT INTO shipments VALUES " + rows(1, 30, now, ""));
        JobID visits =
                JobID.fromHexString(
                        submit(
                                conf,
                                pollingSpec(
                                        "Visit",
                                        "{kind: BigQuerySource, connection: bq, dataset: shop,"
                                                + " table: visits}")));
        JobID shipments =
                JobID.fromHexString(
                        submit(
                                conf,
                                pollingSpec(
                                        "Shipment",
                                        "{kind: SnowflakeSource, connection: sf, table:"
                                                + " SHIPMENTS}")));
        bigQuery("INSERT INTO " + bigQueryTable + " VALUES " + rows(31, 50, now, "TIMESTAMP "));
        snowflake("INSERT INTO shipments VALUES " + rows(31, 50, now, ""));
        for (String dataset : List.of("Visit", "Shipment")) {
            List<ConsumerRecord<byte[], byte[]>> rows =
                    LocalKafka.readCommitted(prefix + dataset, 50, WAIT, Duration.ofSeconds(3));
            assertThat(distinct(rows)).as(dataset).hasSize(50);
            assertThat(rows).as(dataset).hasSize(50);
        }
        run("scripts/flink", "cancel", visits.toString());
        run("scripts/flink", "cancel", shipments.toString());
    }

    private Path pollingSpec(String dataset, String connector) throws Exception {
        return Files.writeString(
                dir.resolve(dataset + ".yaml"),
                String.join(
                        "\n",
                        "dataset:",
                        "  name: " + dataset,
                        "  fields: {id: {type: int, key: true}, ts: {type: datetime, timestamp:"
                                + " true}}",
                        "source:",
                        "  connector: " + connector,
                        "  cursor: ts",
                        "  every: 1s",
                        "  max_lateness: 5m",
                        ""));
    }

    /** (id, ts) rows from first to last, ts a minute before {@code now} plus id milliseconds. */
    private static String rows(int first, int last, Instant now, String timestampKeyword) {
        List<String> values = new ArrayList<>();
        for (int id = first; id <= last; id++) {
            Instant ts = now.minusSeconds(60).plusMillis(id);
            values.add(
                    "("
                            + id
                            + ", "
                            + timestampKeyword
                            + "'"
                            + java.time.LocalDateTime.ofInstant(ts, java.time.ZoneOffset.UTC)
                            + "')");
        }
        return String.join(", ", values);
    }

    private static void bigQuery(String sql) throws Exception {
        com.google.cloud.bigquery.BigQueryOptions.newBuilder()
                .setProjectId("thyme-e2e")
                .setHost(bigQuery.endpoint())
                .setCredentials(com.google.cloud.NoCredentials.getInstance())
                .build()
                .getService()
                .query(
                        com.google.cloud.bigquery.QueryJobConfiguration.newBuilder(sql)
                                .setUseLegacySql(false)
                                .build());
    }

    private static void snowflake(String sql) throws Exception {
        java.util.Properties properties = new java.util.Properties();
        properties.put("account", "peer-account");
        properties.put("user", "thyme");
        properties.put("password", SECRET);
        properties.put("tracing", "WARNING");
        try (java.sql.Connection connection =
                        new net.snowflake.client.jdbc.SnowflakeDriver()
                                .connect(
                                        snowflake.url().replace("http://", "jdbc:snowflake://")
                                                + "/?ssl=off",
                                        properties);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * An IcebergSource job on the same cluster (Iceberg and Hadoop load from the job's jar on the
     * TaskManager): files committed before and while it runs reach the topic once.
     */
    private void readsAnIcebergTableOnTheCluster(Path conf, String prefix) throws Exception {
        Table table =
                LocalIceberg.create(
                        LocalIceberg.hadoopCatalog("lake", dir.resolve("warehouse")),
                        "events",
                        "transactions",
                        LocalIceberg.TRANSACTIONS);
        Instant now = Instant.now();
        IcebergTableWriter.append(table, transactions("before", 40, now.minusSeconds(20)));
        Path spec =
                Files.writeString(
                        dir.resolve("transactions.yaml"),
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Transaction",
                                "  fields:",
                                "    user_id: {type: str, key: true}",
                                "    amount: Optional[float]",
                                "    ts: {type: datetime, timestamp: true}",
                                "source:",
                                "  connector: {kind: IcebergSource, catalog: lake, database:"
                                        + " events, table: transactions}",
                                "  cursor: ts",
                                "  every: 1s",
                                "  max_lateness: 5m",
                                ""));
        JobID transactions = JobID.fromHexString(submit(conf, spec));
        IcebergTableWriter.append(table, transactions("while", 30, now));
        List<ConsumerRecord<byte[], byte[]>> rows =
                LocalKafka.readCommitted(prefix + "Transaction", 70, WAIT, Duration.ofSeconds(3));
        assertThat(distinct(rows)).hasSize(70);
        assertThat(rows).hasSize(70);
        run("scripts/flink", "cancel", transactions.toString());
    }

    /**
     * A log-based PostgresSource job (Flink CDC with its relocated Kafka Connect) in the same jar
     * as the Kafka sink's own kafka-clients, on the cluster; then the jar's cleanup command drops
     * its replication slot and publication.
     */
    private void streamsAPostgresLogOnTheCluster(Path conf, String prefix) throws Exception {
        String table = LocalKafka.unique("accounts").replace('-', '_');
        LocalPostgres.execute(
                "create table " + table + " (id bigint primary key, ts timestamptz not null)",
                "alter table " + table + " replica identity full",
                "insert into " + table + " values (1, now()), (2, now())");
        Path spec =
                Files.writeString(
                        dir.resolve("accounts.yaml"),
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Account",
                                "  fields: {id: {type: int, key: true}, ts: {type: datetime,"
                                        + " timestamp: true}}",
                                "source:",
                                "  connector: {kind: PostgresSource, database: pg, table: "
                                        + table
                                        + ", slot_name: "
                                        + table
                                        + "}",
                                "  max_lateness: 10m",
                                "  cdc: debezium",
                                ""));
        JobID accounts = JobID.fromHexString(submit(conf, spec));
        assertThat(LocalKafka.readCommitted(prefix + "Account", 2, WAIT, Duration.ZERO)).hasSize(2);
        LocalPostgres.execute(
                "insert into " + table + " values (3, now())",
                "update " + table + " set ts = now() where id = 1",
                "delete from " + table + " where id = 2");
        List<ConsumerRecord<byte[], byte[]>> changes =
                LocalKafka.readCommitted(prefix + "Account", 5, WAIT, Duration.ofSeconds(3));
        assertThat(changes).hasSize(5);
        assertThat(changes.get(4).value()).as("the delete is a tombstone").isNull();
        run("scripts/flink", "cancel", accounts.toString());
        assertThat(
                        run(
                                "java",
                                "-jar",
                                ShadedJar.path(),
                                "cleanup",
                                "--conf",
                                conf.toString(),
                                spec.toString()))
                .contains("dropped replication slot " + table + ", publication " + table + "_pub");
    }

    private static List<Record> transactions(String user, int count, Instant ts) {
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(LocalIceberg.transaction(user + i, (double) i, ts.plusMillis(i)));
        }
        return rows;
    }
}
