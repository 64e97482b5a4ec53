package io.thyme.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.testing.LocalKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slim job jar of thyme-job-kafka (the core and KafkaSource, nothing else): what it holds, what
 * it says about the connectors it lacks, and a Kafka dataset run from it on a standalone cluster of
 * this Flink line, submitted with Flink's CLI as users do.
 */
class KafkaOnlyJarITCase {
    private static final String PORT =
            System.getenv().getOrDefault("THYME_SLIM_FLINK_PORT", "18091");

    /** Packages of the other connectors and their libraries: none may be in the jar. */
    private static final List<String> FOREIGN =
            List.of(
                    "io/thyme/connectors/iceberg/",
                    "io/thyme/connectors/postgres/",
                    "io/thyme/connectors/s3/",
                    "io/thyme/connectors/kinesis/",
                    "io/thyme/connectors/bigquery/",
                    "io/thyme/connectors/snowflake/",
                    "io/thyme/demo/",
                    "org/apache/iceberg/",
                    "org/apache/hadoop/",
                    "org/postgresql/",
                    "software/amazon/",
                    "com/google/cloud/",
                    "net/snowflake/",
                    "org/apache/flink/cdc/");

    @TempDir static Path dir;

    private static String jar() {
        String path = System.getProperty("thyme.kafka.jar");
        assertThat(path).as("failsafe sets thyme.kafka.jar").isNotNull();
        assertThat(Path.of(path)).as("thyme-job-kafka's jar is built").isRegularFile();
        return path;
    }

    /** Runs {@code command} to its end; returns its exit code and what it printed. */
    private static Result run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("THYME_FLINK_PORT", PORT);
        builder.environment().put("THYME_KAFKA_BOOTSTRAP", LocalKafka.bootstrapServers());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS))
                .as("%s finished", List.of(command))
                .isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
        Result succeeded() {
            assertThat(exitCode).as("exit code; it printed:%n%s", output).isZero();
            return this;
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        LocalKafka.requireRunning();
        run("scripts/flink-cluster.sh", "start").succeeded();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        run("scripts/flink-cluster.sh", "stop").succeeded();
    }

    @Test
    void holdsTheCoreAndKafkaSourceAndNoOtherConnector() throws Exception {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(jar())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                FOREIGN.stream().filter(entry.getName()::startsWith).forEach(foreign::add);
            }
            assertThat(jar.getEntry("io/thyme/job/ThymeJob.class")).isNotNull();
            assertThat(jar.getEntry("io/thyme/connectors/kafka/KafkaSourceConnector.class"))
                    .isNotNull();
            assertThat(jar.getEntry("org/apache/kafka/clients/consumer/KafkaConsumer.class"))
                    .isNotNull();
            ZipEntry services = jar.getEntry("META-INF/services/io.thyme.connectors.Connector");
            assertThat(
                            new String(
                                            jar.getInputStream(services).readAllBytes(),
                                            StandardCharsets.UTF_8)
                                    .trim())
                    .isEqualTo("io.thyme.connectors.kafka.KafkaSourceConnector");
        }
        assertThat(foreign.stream().distinct()).isEmpty();
    }

    @Test
    void namesTheConnectorsItLacksBeforeAnyJobStarts() throws Exception {
        Path conf = kafkaOnlyConf("slim-validate.");
        Result iceberg =
                run(
                        "java",
                        "-jar",
                        jar(),
                        "validate",
                        "--conf",
                        conf.toString(),
                        "jobs/transactions.yaml");
        assertThat(iceberg.exitCode()).isEqualTo(1);
        assertThat(iceberg.output())
                .contains(
                        "source.connector.kind: 'IcebergSource' is not a connector of this jar;"
                                + " available: KafkaSource")
                .doesNotContain("Exception", "\tat ");

        // the shipped conf/ declares connections of every connector: each section is named
        Result shipped = run("java", "-jar", jar(), "validate", "jobs/kafka/transactions.yaml");
        assertThat(shipped.exitCode()).isEqualTo(1);
        for (String section :
                List.of("postgres", "iceberg", "s3", "kinesis", "bigquery", "snowflake")) {
            assertThat(shipped.output())
                    .contains("  - " + section + ": unknown key '" + section + "'")
                    .contains(
                            "this jar holds KafkaSource: remove the section, or run a jar with its connector");
        }
        assertThat(shipped.output()).doesNotContain("Exception", "\tat ");

        run(
                        "java",
                        "-jar",
                        jar(),
                        "validate",
                        "--conf",
                        conf.toString(),
                        "jobs/kafka/transactions.yaml")
                .succeeded();
    }

    @Test
    void listsOnlyKafkaSourceAmongItsConnectors() throws Exception {
        String catalog = run("java", "-jar", jar(), "connectors").succeeded().output();
        assertThat(catalog).contains("\"kind\" : \"KafkaSource\"");
        assertThat(Pattern.compile("\"kind\" :").matcher(catalog).results().count()).isEqualTo(1);
    }

    @Test
    void runsAKafkaDatasetOnTheClusterExactlyOnce() throws Exception {
        String prefix = LocalKafka.unique("slim") + ".";
        Path conf = kafkaOnlyConf(prefix);
        String input = LocalKafka.unique("slim-payments");
        LocalKafka.createTopic(input, 2);
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
        List<String> payments = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            payments.add(String.format("{\"id\":%d,\"ts\":\"%s\"}", i, base.plusSeconds(i)));
        }
        LocalKafka.produce(input, payments);
        String submitted =
                run(
                                "scripts/flink",
                                "run",
                                "-d",
                                "-p",
                                "2",
                                jar(),
                                "run",
                                "--conf",
                                conf.toString(),
                                spec.toString())
                        .succeeded()
                        .output();
        Matcher job = Pattern.compile("JobID ([0-9a-f]{32})").matcher(submitted);
        assertThat(job.find()).as("a JobID in:%n%s", submitted).isTrue();
        try {
            List<String> ids = new ArrayList<>();
            LocalKafka.readCommitted(
                            prefix + "Payment", 200, Duration.ofSeconds(90), Duration.ofSeconds(3))
                    .forEach(r -> ids.add(LocalKafka.text(r.key())));
            assertThat(ids).hasSize(200).doesNotHaveDuplicates();
        } finally {
            run("scripts/flink", "cancel", job.group(1)).succeeded();
        }
    }

    /** A conf of a Kafka cluster and the sink only: the sections this jar reads. */
    private static Path kafkaOnlyConf(String prefix) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf-" + prefix.replace('.', '-')));
        Files.writeString(
                conf.resolve("thyme.yaml"),
                String.join(
                        "\n",
                        "kafka:",
                        "  local: {bootstrap_servers: \"${env:THYME_KAFKA_BOOTSTRAP}\"}",
                        "sink: {cluster: local, topic_prefix: \""
                                + prefix
                                + "\", transactional_id_prefix: \""
                                + prefix
                                + "\"}",
                        "job: {checkpoint_interval: 1s}",
                        ""));
        return conf;
    }
}
