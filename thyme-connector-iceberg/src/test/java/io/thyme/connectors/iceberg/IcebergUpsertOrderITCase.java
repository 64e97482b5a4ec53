package io.thyme.connectors.iceberg;

import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.testing.LocalIceberg;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upsert keeps every key's changes in commit order while the job is stopped and restored with a
 * savepoint again and again, at parallelism 2, rescaled to 1 and back to 2 (the test cluster has
 * two slots).
 */
class IcebergUpsertOrderITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path warehouse;
    @TempDir Path savepoints;

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    private static List<Record> version(int keys, int version, Instant ts) {
        List<Record> rows = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            rows.add(LocalIceberg.transaction("k" + k, (double) version, ts.plusMillis(version)));
        }
        return rows;
    }

    @Test
    void eachKeysChangesArriveInCommitOrderAcrossRestoresAndRescales() throws Exception {
        var catalog = LocalIceberg.hadoopCatalog("lake", warehouse);
        String name = LocalKafka.unique("up").replace('-', '_');
        Table table = LocalIceberg.create(catalog, "events", name, LocalIceberg.TRANSACTIONS);
        String prefix = LocalKafka.unique("iceup") + ".";
        ThymeConf conf =
                LocalIceberg.conf(
                        LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500), catalog);
        var spec = IcebergSourceITCase.spec(conf, name, "upsert", "1h");
        Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        int keys = 20;
        DataFile current = IcebergTableWriter.append(table, version(keys, 0, ts));

        int[] parallelism = {2, 1, 2, 2};
        String savepoint = null;
        int version = 0;
        for (int run = 0; run < parallelism.length; run++) {
            Configuration settings =
                    savepoint == null ? new Configuration() : TestJobs.restoringFrom(savepoint);
            JobClient job = TestJobs.start(conf, spec, parallelism[run], settings);
            if (run == 0) {
                // the first round reads the table as it is then: let it see version 0 first
                assertThat(
                                LocalKafka.readCommitted(
                                        prefix + "Transaction", keys, WAIT, Duration.ZERO))
                        .hasSize(keys);
            }
            for (int i = 0; i < 3; i++) {
                version++;
                DataFile next = IcebergTableWriter.write(table, version(keys, version, ts));
                table.newOverwrite().deleteFile(current).addFile(next).commit();
                current = next;
            }
            int expected = keys * (version + 1);
            assertThat(
                            LocalKafka.readCommitted(
                                    prefix + "Transaction", expected, WAIT, Duration.ZERO))
                    .hasSize(expected);
            savepoint =
                    job.stopWithSavepoint(
                                    false,
                                    savepoints.toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get();
        }

        List<ConsumerRecord<byte[], byte[]>> events =
                LocalKafka.readCommitted(
                        prefix + "Transaction", keys * (version + 1), WAIT, Duration.ofSeconds(3));
        assertThat(events).hasSize(keys * (version + 1));
        Map<String, List<Double>> amounts = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> event : events) {
            String value = text(event.value());
            double amount = Double.parseDouble(value.replaceAll(".*\"amount\":([0-9.]+).*", "$1"));
            amounts.computeIfAbsent(text(event.key()), k -> new ArrayList<>()).add(amount);
        }
        List<Double> inOrder = new ArrayList<>();
        for (int v = 0; v <= version; v++) {
            inOrder.add((double) v);
        }
        assertThat(amounts).hasSize(keys);
        assertThat(amounts.values())
                .allSatisfy(a -> assertThat(a).containsExactlyElementsOf(inOrder));
    }
}
