package io.thyme.connectors.kafka;

import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thyme.conf.ThymeConf;
import io.thyme.job.FlinkRest;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import io.thyme.testing.TestJobs;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A TaskManager dies mid-stream; a read_committed reader still sees every event exactly once. */
class KafkaExactlyOnceITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final int BATCH = 100;

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    private static List<String> batch(int number) {
        List<String> values = new ArrayList<>();
        Instant start = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = number * BATCH; i < (number + 1) * BATCH; i++) {
            values.add(
                    String.format(
                            "{\"id\":%d,\"user_id\":\"u%d\",\"ts\":\"%s\"}",
                            i, i % 17, start.plusSeconds(i)));
        }
        return values;
    }

    @Test
    void deliversEveryEventOnceAcrossATaskManagerFailure(
            @InjectMiniCluster MiniCluster cluster, @InjectClusterRESTAddress URI rest)
            throws Exception {
        String input = LocalKafka.unique("payments");
        String prefix = LocalKafka.unique("eo") + ".";
        LocalKafka.createTopic(input, 1);
        for (int b = 0; b < 10; b++) {
            LocalKafka.produce(input, batch(b));
        }
        ThymeConf conf =
                TestConf.sinkingTo(
                        LocalKafka.bootstrapServers(), prefix, prefix, Duration.ofMillis(300));
        JobSpec spec =
                new SpecLoader(conf)
                        .parse(
                                "eo.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: Payment",
                                        "  fields:",
                                        "    id: {type: int, key: true}",
                                        "    user_id: {type: str}",
                                        "    ts: {type: datetime, timestamp: true}",
                                        "source:",
                                        "  connector: {kind: KafkaSource, cluster: local, topic: "
                                                + input
                                                + "}",
                                        "  max_lateness: 1h",
                                        ""));
        JobClient job = TestJobs.start(conf, spec, 1, TestJobs.restartingOnFailure());
        String output = prefix + "Payment";
        try {
            assertThat(LocalKafka.readCommitted(output, 1, Duration.ofSeconds(60), Duration.ZERO))
                    .as("some events committed before the failure")
                    .isNotEmpty();
            for (int b = 10; b < 15; b++) {
                LocalKafka.produce(input, batch(b));
            }
            cluster.terminateTaskManager(0).get();
            for (int b = 15; b < 30; b++) {
                LocalKafka.produce(input, batch(b));
            }
            cluster.startTaskManager();

            int expected = 30 * BATCH;
            List<ConsumerRecord<byte[], byte[]>> records =
                    LocalKafka.readCommitted(
                            output, expected, Duration.ofSeconds(120), Duration.ofSeconds(3));
            Set<String> distinct = new HashSet<>();
            records.forEach(r -> distinct.add(text(r.value())));
            assertThat(distinct).as("distinct events").hasSize(expected);
            assertThat(records).as("events, duplicates included").hasSize(expected);

            FlinkRest ui = new FlinkRest(rest);
            await("the job restarted after losing its TaskManager")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    ui.get(
                                                                    "/jobs/"
                                                                            + job.getJobID()
                                                                            + "/exceptions")
                                                            .path("exceptionHistory")
                                                            .path("entries"))
                                            .isNotEmpty());
        } finally {
            job.cancel().get();
        }
    }
}
