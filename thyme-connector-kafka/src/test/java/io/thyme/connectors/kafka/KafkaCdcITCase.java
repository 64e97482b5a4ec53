package io.thyme.connectors.kafka;

import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import io.thyme.testing.TestJobs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** cdc upsert and debezium from Kafka topics, through the whole pipeline to a real broker. */
class KafkaCdcITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    private static JobClient start(ThymeConf conf, String input, String cdc) throws Exception {
        return start(conf, input, cdc, "    name: str", null);
    }

    private static JobClient start(
            ThymeConf conf, String input, String cdc, String fields, String savepoint)
            throws Exception {
        JobSpec spec =
                new SpecLoader(conf)
                        .parse(
                                "cdc.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: User",
                                        "  fields:",
                                        "    id: {type: int, key: true}",
                                        fields,
                                        "    ts: {type: datetime, timestamp: true}",
                                        "source:",
                                        "  connector: {kind: KafkaSource, cluster: local, topic: "
                                                + input
                                                + "}",
                                        "  max_lateness: 1h",
                                        "  cdc: " + cdc,
                                        ""));
        return TestJobs.start(
                conf,
                spec,
                1,
                savepoint == null ? new Configuration() : TestJobs.restoringFrom(savepoint));
    }

    private static String user(long id, String name, String time) {
        return String.format(
                "{\"id\":%d,\"name\":\"%s\",\"ts\":\"2024-05-01T%s:00Z\"}", id, name, time);
    }

    @Test
    void upsertEmitsInsertsAndUpdatesAndDropsUnchangedRows() throws Exception {
        String input = LocalKafka.unique("users");
        String prefix = LocalKafka.unique("upsert") + ".";
        LocalKafka.createTopic(input, 1);
        LocalKafka.produce(
                input,
                List.of(
                        user(1, "ann", "10:00"),
                        user(2, "bob", "10:01"),
                        user(1, "ann", "10:00"), // unchanged: dropped
                        user(1, "anne", "10:02"), // changed: update
                        "not json", // invalid: passes the upsert step to .errors
                        user(3, "cat", "08:00"))); // more than 1h behind 10:02: to .late
        ThymeConf conf =
                TestConf.sinkingTo(
                        LocalKafka.bootstrapServers(), prefix, prefix, Duration.ofMillis(500));
        JobClient job = start(conf, input, "upsert");
        try {
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(
                            prefix + "User", 3, Duration.ofSeconds(60), Duration.ofSeconds(2));
            assertThat(events)
                    .extracting(r -> text(r.value()))
                    .containsExactly(
                            "{\"id\":1,\"name\":\"ann\",\"ts\":\"2024-05-01T10:00:00.000000Z\"}",
                            "{\"id\":2,\"name\":\"bob\",\"ts\":\"2024-05-01T10:01:00.000000Z\"}",
                            "{\"id\":1,\"name\":\"anne\",\"ts\":\"2024-05-01T10:02:00.000000Z\"}");
            assertThat(events)
                    .extracting(r -> headers(r).get("thyme.change"))
                    .containsExactly("insert", "insert", "update");
            // late and invalid rows travel the same stream through the keyed upsert step to the
            // dataset's one sink, and leave upsert state alone
            assertThat(
                            LocalKafka.readCommitted(
                                    prefix + "User.errors",
                                    1,
                                    Duration.ofSeconds(30),
                                    Duration.ZERO))
                    .singleElement()
                    .satisfies(e -> assertThat(text(e.value())).isEqualTo("not json"));
            assertThat(
                            LocalKafka.readCommitted(
                                    prefix + "User.late", 1, Duration.ofSeconds(30), Duration.ZERO))
                    .singleElement()
                    .satisfies(e -> assertThat(text(e.key())).isEqualTo("{\"id\":3}"));
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", LocalKafka.bootstrapServers()))) {
                ConfigResource topic =
                        new ConfigResource(ConfigResource.Type.TOPIC, prefix + "User");
                assertThat(
                                admin.describeConfigs(List.of(topic))
                                        .all()
                                        .get(30, TimeUnit.SECONDS)
                                        .get(topic)
                                        .get("cleanup.policy")
                                        .value())
                        .as("the dataset topic of an upsert source keeps the latest record per key")
                        .isEqualTo("compact");
            }
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void debeziumEnvelopesBecomeChangesAndDeletesBecomeTombstones() throws Exception {
        String input = LocalKafka.unique("dbz");
        String prefix = LocalKafka.unique("dbz") + ".";
        LocalKafka.createTopic(input, 1);
        String ann = user(1, "ann", "10:00");
        String anne = user(1, "anne", "10:03");
        LocalKafka.produce(
                input,
                List.of(
                        "{\"op\":\"r\",\"before\":null,\"after\":" + ann + ",\"ts_ms\":1}",
                        "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"op\":\"c\",\"before\":null,\"after\":"
                                + user(2, "bob", "10:01")
                                + "}}",
                        "{\"op\":\"u\",\"before\":" + ann + ",\"after\":" + anne + "}",
                        "{\"op\":\"d\",\"before\":" + anne + ",\"after\":null}",
                        "{\"op\":\"x\"}",
                        "{\"op\":\"d\",\"before\":null}"));
        LocalKafka.produceTombstone(input);
        ThymeConf conf =
                TestConf.sinkingTo(
                        LocalKafka.bootstrapServers(), prefix, prefix, Duration.ofMillis(500));
        JobClient job = start(conf, input, "debezium");
        try {
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(
                            prefix + "User", 4, Duration.ofSeconds(60), Duration.ofSeconds(2));
            assertThat(events)
                    .extracting(r -> headers(r).get("thyme.change"))
                    .containsExactly("insert", "insert", "update", "delete");
            assertThat(events)
                    .extracting(r -> text(r.key()))
                    .containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":1}", "{\"id\":1}");
            assertThat(events.get(3).value()).as("a delete is a tombstone").isNull();
            assertThat(text(events.get(2).value())).contains("\"name\":\"anne\"");

            List<ConsumerRecord<byte[], byte[]>> errors =
                    LocalKafka.readCommitted(
                            prefix + "User.errors",
                            2,
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(1));
            assertThat(errors)
                    .extracting(r -> headers(r).get("thyme.reason"))
                    .containsExactly(
                            "Debezium envelope has op 'x'; expected c, r, u or d (is this topic really a"
                                    + " Debezium topic?)",
                            "Debezium envelope with op 'd' has no 'before' image; set REPLICA IDENTITY"
                                    + " FULL (or keep the key columns) on the source table");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void upsertRefusesToRestoreStateWrittenForOtherFieldsAndSaysWhatChanged(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path savepoints) throws Exception {
        String input = LocalKafka.unique("users");
        String prefix = LocalKafka.unique("upsert-restore") + ".";
        LocalKafka.createTopic(input, 1);
        LocalKafka.produce(input, List.of(user(1, "ann", "10:00")));
        ThymeConf conf =
                TestConf.sinkingTo(
                        LocalKafka.bootstrapServers(), prefix, prefix, Duration.ofMillis(500));
        JobClient first = start(conf, input, "upsert");
        assertThat(
                        LocalKafka.readCommitted(
                                prefix + "User", 1, Duration.ofSeconds(60), Duration.ZERO))
                .hasSize(1);
        String savepoint =
                first.stopWithSavepoint(
                                false,
                                savepoints.toUri().toString(),
                                org.apache.flink.core.execution.SavepointFormatType.CANONICAL)
                        .get();
        JobClient second =
                start(conf, input, "upsert", "    name: str\n    email: Optional[str]", savepoint);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> second.getJobExecutionResult().get())
                .rootCause()
                .hasMessageContaining("cannot restore the upsert state of dataset User")
                .hasMessageContaining("fields (id int (key), name str, ts datetime)")
                .hasMessageContaining(
                        "now declares (id int (key), name str, email Optional[str], ts datetime)");
    }
}
