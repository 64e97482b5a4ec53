package io.thyme.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.connectors.iceberg.IcebergTableWriter;
import io.thyme.testing.LocalIceberg;
import io.thyme.testing.LocalKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code thyme} command against the real jar and the project's cluster script: runs {@code
 * src/test/python/cli_it.py}, which pip-installs the package into a fresh venv (offline) and drives
 * {@code validate}, {@code run} (embedded Flink), {@code submit}, {@code stop}, {@code submit
 * --from-savepoint} and {@code list} against a standalone cluster that scripts/flink-cluster.sh
 * starts here on a free port, with the user guide's example on an Iceberg table made here.
 */
class PythonCliITCase {
    @TempDir static Path dir;

    private static String port;

    private static String run(Map<String, String> env, long seconds, String... command)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("THYME_FLINK_PORT", port);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(finished)
                .as("%s finished in %d s:%n%s", List.of(command), seconds, text)
                .isTrue();
        assertThat(process.exitValue()).as("%s printed:%n%s", List.of(command), text).isZero();
        return text;
    }

    /**
     * A REST port whose RPC (+10) and blob (+11) ports, which the cluster script uses, are free.
     */
    private static String freeClusterPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20000, 40000);
            if (free(candidate) && free(candidate + 10) && free(candidate + 11)) {
                return Integer.toString(candidate);
            }
        }
        throw new IOException("no free port for the Flink cluster");
    }

    private static boolean free(int candidate) {
        try (ServerSocket socket =
                new ServerSocket(candidate, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path state() {
        return Path.of(System.getenv().getOrDefault("THYME_STATE", ".thyme")).toAbsolutePath();
    }

    /** The Flink jars scripts/flink-cluster.sh fetched, for the embedded Flink of thyme run. */
    private static String flinkLib() {
        String version = System.getenv().getOrDefault("THYME_FLINK_VERSION", "1.20.5");
        return (version.equals("1.20.5")
                        ? state().resolve("flink").resolve("lib")
                        : state().resolve("flink-lib-" + version))
                .toString();
    }

    @BeforeAll
    static void startCluster() throws Exception {
        LocalKafka.requireRunning();
        port = freeClusterPort();
        run(Map.of(), 180, "scripts/flink-cluster.sh", "start");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (port != null) {
            run(Map.of(), 120, "scripts/flink-cluster.sh", "stop");
            // the cluster's conf, logs, checkpoints and savepoints: a new port each run
            try (Stream<Path> files = Files.walk(state().resolve("flink-" + port))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theInstalledCliValidatesRunsSubmitsStopsAndResumesTheGuidesExample() throws Exception {
        Path warehouse = dir.resolve("warehouse");
        Table table =
                LocalIceberg.create(
                        LocalIceberg.hadoopCatalog("prod", warehouse),
                        "events",
                        "transactions",
                        LocalIceberg.TRANSACTIONS);
        List<Record> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) {
            rows.add(LocalIceberg.transaction("user" + i, (double) i, now.plusMillis(i)));
        }
        IcebergTableWriter.append(table, rows);

        String output =
                run(
                        Map.of(
                                "THYME_JAR", Path.of(ShadedJar.path()).toAbsolutePath().toString(),
                                "THYME_FLINK_URL", "http://127.0.0.1:" + port,
                                "THYME_IT_WAREHOUSE", warehouse.toUri().toString(),
                                "THYME_KAFKA_BOOTSTRAP", LocalKafka.bootstrapServers(),
                                "THYME_FLINK_LIB", flinkLib()),
                        600,
                        "python3",
                        "src/test/python/cli_it.py",
                        "-v",
                        "-k",
                        System.getProperty("thyme.cli.it.tests", "test"));
        assertThat(output).contains("OK").doesNotContain("skipped");
        Files.writeString(Path.of("thyme-job/target", "python-cli-it.log"), output);
    }
}
