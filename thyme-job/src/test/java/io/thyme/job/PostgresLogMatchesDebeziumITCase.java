package io.thyme.job;

import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.postgres.PostgresLogCleanup;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.AccountsTable;
import io.thyme.testing.FlinkLines;
import io.thyme.testing.LocalDebezium;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import io.thyme.testing.TestJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same table and the same changes two ways: PostgresSource with cdc debezium (Flink CDC reading
 * the log), and the real Debezium 3.6.1 connector writing a Kafka topic that a KafkaSource dataset
 * with cdc debezium reads. Both dataset topics must carry the same events, equal to the database's
 * rows.
 */
class PostgresLogMatchesDebeziumITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeAll
    static void serversAreUp() {
        FlinkLines.assumeFlinkCdcRuns();
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
    }

    private static JobSpec spec(ThymeConf conf, String connector) {
        return new SpecLoader(conf)
                .parse(
                        "accounts.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Account",
                                "  fields:",
                                // what both can hold: the polling checks refuse str for numeric
                                AccountsTable.fields(true, false),
                                "source:",
                                "  connector: " + connector,
                                "  max_lateness: 36500d",
                                "  cdc: debezium",
                                ""));
    }

    /** Key, change and value of each event; the snapshot's three in key order. */
    private static List<String> changes(List<ConsumerRecord<byte[], byte[]>> events)
            throws Exception {
        List<String> changes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> event : events) {
            changes.add(
                    text(event.key())
                            + " "
                            + headers(event).get("thyme.change")
                            + " @"
                            + event.timestamp()
                            + " "
                            + (event.value() == null
                                    ? "null"
                                    : AccountsTable.published(event.value()).toString()));
        }
        changes.subList(0, Math.min(3, changes.size())).sort(null);
        return changes;
    }

    @Test
    void flinkCdcAndTheDebeziumConnectorPublishTheSameEvents() throws Exception {
        String table = LocalKafka.unique("dbz_both").replace('-', '_');
        String input = LocalKafka.unique("dbz-both");
        String viaLog = LocalKafka.unique("log") + ".";
        String viaKafka = LocalKafka.unique("connect") + ".";
        ThymeConf logConf =
                LocalPostgres.conf(LocalKafka.bootstrapServers(), viaLog, Duration.ofMillis(500));
        ThymeConf kafkaConf =
                LocalPostgres.conf(LocalKafka.bootstrapServers(), viaKafka, Duration.ofMillis(500));
        AccountsTable.create(table);
        LocalKafka.createTopic(input, 1);
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", LocalKafka.bootstrapServers());
        props.setProperty("key.serializer", StringSerializer.class.getName());
        props.setProperty("value.serializer", StringSerializer.class.getName());
        AtomicInteger written = new AtomicInteger();
        JobSpec logSpec =
                spec(
                        logConf,
                        "{kind: PostgresSource, database: pg, table: "
                                + table
                                + ", slot_name: "
                                + table
                                + "}");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props);
                LocalDebezium debezium =
                        LocalDebezium.postgres(
                                table,
                                table + "_dbz",
                                table,
                                Map.of(),
                                record -> {
                                    try {
                                        producer.send(
                                                        new ProducerRecord<>(
                                                                input,
                                                                0,
                                                                record.key(),
                                                                record.value()))
                                                .get();
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                    written.incrementAndGet();
                                })) {
            JobClient log = TestJobs.start(logConf, logSpec);
            JobClient kafka =
                    TestJobs.start(
                            kafkaConf,
                            spec(
                                    kafkaConf,
                                    "{kind: KafkaSource, cluster: local, topic: " + input + "}"));
            try {
                await("Debezium's snapshot")
                        .atMost(WAIT)
                        .failFast("Debezium's engine failed", () -> debezium.failure() != null)
                        .until(() -> written.get() >= 3);
                assertThat(LocalKafka.readCommitted(viaLog + "Account", 3, WAIT, Duration.ZERO))
                        .as(
                                "Flink CDC's snapshot (job %s, errors %s)",
                                log.getJobStatus().get(),
                                LocalKafka.readCommitted(
                                                viaLog + "Account.errors",
                                                0,
                                                Duration.ZERO,
                                                Duration.ofSeconds(1))
                                        .stream()
                                        .map(r -> headers(r).get("thyme.reason"))
                                        .toList())
                        .hasSize(3);
                AccountsTable.change(table);
                List<String> fromLog =
                        changes(
                                LocalKafka.readCommitted(
                                        viaLog + "Account", 6, WAIT, Duration.ofSeconds(2)));
                List<String> fromDebezium =
                        changes(
                                LocalKafka.readCommitted(
                                        viaKafka + "Account", 6, WAIT, Duration.ofSeconds(2)));
                assertThat(fromLog).hasSize(6);
                assertThat(fromLog).containsExactlyElementsOf(fromDebezium);
                assertThat(fromLog.get(3))
                        .isEqualTo(
                                "{\"id\":2} update @"
                                        + java.time.Instant.parse("2024-05-02T00:00:00.000001Z")
                                                .toEpochMilli()
                                        + " "
                                        + AccountsTable.row(table, 2, true, false, false));
                assertThat(
                                LocalKafka.readCommitted(
                                        viaLog + "Account.errors",
                                        0,
                                        Duration.ZERO,
                                        Duration.ofSeconds(1)))
                        .extracting(r -> headers(r).get("thyme.reason"))
                        .isEmpty();
            } finally {
                log.cancel().get();
                kafka.cancel().get();
            }
        } finally {
            new PostgresLogCleanup().run(logSpec, logConf);
            LocalPostgres.execute(
                    "select pg_drop_replication_slot(slot_name) from pg_replication_slots"
                            + " where not active and slot_name = '"
                            + table
                            + "_dbz'",
                    "drop publication if exists " + table + "_dbz_pub",
                    "drop table " + table);
        }
    }
}
