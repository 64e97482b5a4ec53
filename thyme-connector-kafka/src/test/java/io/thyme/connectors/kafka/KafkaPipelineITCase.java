package io.thyme.connectors.kafka;

import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.thyme.conf.DeliveryGuarantee;
import io.thyme.conf.SinkConf;
import io.thyme.conf.ThymeConf;
import io.thyme.job.FlinkRest;
import io.thyme.job.JobAssembler;
import io.thyme.sink.PreflightException;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import io.thyme.testing.TestJobs;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole pipeline on a MiniCluster against the real broker: Kafka in, three topics out. */
public class KafkaPipelineITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    static String spec(String topic) {
        return String.join(
                "\n",
                "dataset:",
                "  name: Transaction",
                "  fields:",
                "    user_id: {type: str, key: true}",
                "    amount: {type: float}",
                "    ts: {type: datetime, timestamp: true}",
                "source:",
                "  connector: {kind: KafkaSource, cluster: local, topic: " + topic + "}",
                "  max_lateness: 5m",
                "");
    }

    static String tx(String user, double amount, String time) {
        return String.format(
                "{\"user_id\":\"%s\",\"amount\":%s,\"ts\":\"2024-05-01T%s:00Z\"}",
                user, amount, time);
    }

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    @Test
    void writesEventsLateEventsAndInvalidRowsToTheirTopics(@InjectClusterRESTAddress URI rest)
            throws Exception {
        String input = LocalKafka.unique("transactions");
        String prefix = LocalKafka.unique("it") + ".";
        LocalKafka.createTopic(input, 1);
        LocalKafka.produce(
                input,
                List.of(
                        tx("a", 1.0, "10:00"),
                        tx("b", 2.0, "10:10"), // watermark: 10:04:59.999
                        tx("c", 3.0, "10:06"), // out of order, within 5m: on time
                        tx("d", 4.0, "10:04"), // 6m behind the newest: late
                        "not json",
                        tx("e", 5.0, "09:00"), // late
                        "{\"user_id\":\"f\",\"amount\":\"abc\",\"ts\":\"2024-05-01T10:11:00Z\"}",
                        tx("g", 6.0, "10:05"), // exactly max_lateness behind: on time
                        tx("a", 7.5, "10:20")));

        ThymeConf conf =
                TestConf.sinkingTo(
                        LocalKafka.bootstrapServers(), prefix, prefix, Duration.ofMillis(500));
        JobSpec spec = new SpecLoader(conf).parse("it.yaml", spec(input));
        JobClient job = TestJobs.start(conf, spec);
        try {
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(
                            prefix + "Transaction",
                            5,
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(2));
            assertThat(events)
                    .extracting(r -> text(r.value()))
                    .containsExactly(
                            "{\"user_id\":\"a\",\"amount\":1.0,\"ts\":\"2024-05-01T10:00:00.000000Z\"}",
                            "{\"user_id\":\"b\",\"amount\":2.0,\"ts\":\"2024-05-01T10:10:00.000000Z\"}",
                            "{\"user_id\":\"c\",\"amount\":3.0,\"ts\":\"2024-05-01T10:06:00.000000Z\"}",
                            "{\"user_id\":\"g\",\"amount\":6.0,\"ts\":\"2024-05-01T10:05:00.000000Z\"}",
                            "{\"user_id\":\"a\",\"amount\":7.5,\"ts\":\"2024-05-01T10:20:00.000000Z\"}");
            assertThat(events)
                    .extracting(r -> text(r.key()))
                    .containsExactly(
                            "{\"user_id\":\"a\"}",
                            "{\"user_id\":\"b\"}",
                            "{\"user_id\":\"c\"}",
                            "{\"user_id\":\"g\"}",
                            "{\"user_id\":\"a\"}");
            assertThat(events.get(0).timestamp())
                    .isEqualTo(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli());
            assertThat(headers(events.get(0))).containsEntry("thyme.change", "insert");

            List<ConsumerRecord<byte[], byte[]>> late =
                    LocalKafka.readCommitted(
                            prefix + "Transaction.late",
                            2,
                            Duration.ofSeconds(90),
                            Duration.ofSeconds(1));
            assertThat(late)
                    .as(
                            "late topic (records written, committed or not: %d)",
                            LocalKafka.endOffset(prefix + "Transaction.late"))
                    .extracting(r -> text(r.key()))
                    .containsExactly("{\"user_id\":\"d\"}", "{\"user_id\":\"e\"}");
            assertThat(headers(late.get(0)))
                    .containsEntry("thyme.watermark", "2024-05-01T10:04:59.999000Z")
                    .hasEntrySatisfying(
                            "thyme.reason",
                            r ->
                                    assertThat(r)
                                            .contains("2024-05-01T10:04:00.000000Z")
                                            .contains("5m"));

            List<ConsumerRecord<byte[], byte[]>> errors =
                    LocalKafka.readCommitted(
                            prefix + "Transaction.errors",
                            2,
                            Duration.ofSeconds(90),
                            Duration.ofSeconds(1));
            assertThat(errors)
                    .extracting(r -> text(r.value()))
                    .containsExactly(
                            "not json",
                            "{\"user_id\":\"f\",\"amount\":\"abc\",\"ts\":\"2024-05-01T10:11:00Z\"}");
            assertThat(headers(errors.get(0)).get("thyme.reason")).startsWith("not valid JSON");
            assertThat(headers(errors.get(1)))
                    .containsEntry(
                            "thyme.reason", "field 'amount': expected a number, found \"abc\"")
                    .containsEntry("thyme.origin", "kafka://" + input + "/0@6");

            FlinkRest ui = new FlinkRest(rest);
            await("numLateRecordsDropped in the Flink UI")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    ui.operatorMetric(
                                                            job.getJobID(),
                                                            "late events > 5m",
                                                            "numLateRecordsDropped"))
                                            .contains(2L));
            assertThat(ui.operatorMetric(job.getJobID(), "decode", "numInvalidRecords"))
                    .contains(2L);
            assertThat(ui.jobStatus(job.getJobID())).isEqualTo("RUNNING");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void refusesToStartWhenTheTopicDoesNotExist() {
        ThymeConf conf = TestConf.withKafka(LocalKafka.bootstrapServers());
        JobSpec spec = new SpecLoader(conf).parse("it.yaml", spec(LocalKafka.unique("missing")));
        assertThatThrownBy(() -> TestJobs.assemble(conf, spec))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("it.yaml: topic 'missing-")
                .hasMessageContaining("does not exist on Kafka cluster 'local'");
    }

    @Test
    void refusesToStartWhenBrokersCannotHoldItsTransactions() throws Exception {
        String topic = LocalKafka.unique("existing");
        LocalKafka.createTopic(topic, 1);
        ThymeConf base = TestConf.withKafka(LocalKafka.bootstrapServers());
        ThymeConf conf =
                new ThymeConf(
                        base.file(),
                        base.kafka(),
                        base.sections(),
                        new SinkConf(
                                "local",
                                "",
                                DeliveryGuarantee.EXACTLY_ONCE,
                                "thyme",
                                Optional.of(Duration.ofHours(2))),
                        base.job());
        JobSpec spec = new SpecLoader(conf).parse("it.yaml", spec(topic));
        assertThatThrownBy(() -> TestJobs.assemble(conf, spec))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining(
                        "transactions of 7200000 ms (set by sink.transaction_timeout)")
                .hasMessageContaining("transaction.max.timeout.ms=3600000");
    }

    @Test
    void checkpointsStayAlignedAndOneAtATimeWhateverTheEnvironmentSays() throws Exception {
        String topic = LocalKafka.unique("aligned");
        LocalKafka.createTopic(topic, 1);
        ThymeConf conf = TestConf.withKafka(LocalKafka.bootstrapServers());
        JobSpec spec = new SpecLoader(conf).parse("it.yaml", spec(topic));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(
                new Configuration()
                        .set(CheckpointingOptions.ENABLE_UNALIGNED, true)
                        .set(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS, 3));
        JobAssembler.assemble(env, List.of(spec), conf);
        // what the Kinesis enumerator's order across a merge relies on (FinishedShards)
        assertThat(env.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isFalse();
        assertThat(env.getCheckpointConfig().getMaxConcurrentCheckpoints()).isEqualTo(1);
    }
}
