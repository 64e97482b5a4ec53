package io.thyme.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.HostileInput;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import io.thyme.testing.TestJobs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated hostile records through the whole Kafka pipeline: every record ends up as an event, an
 * invalid row or a late event, and the job never fails a task.
 */
public class HostileKafkaInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    private static void createTopic(String topic) throws Exception {
        Properties props = new Properties();
        props.setProperty(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(topic, 2, (short) 1)
                                            .configs(Map.of("max.message.bytes", "4194304"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String topic, List<byte[]> records) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", LocalKafka.bootstrapServers());
        props.setProperty("key.serializer", ByteArraySerializer.class.getName());
        props.setProperty("value.serializer", ByteArraySerializer.class.getName());
        props.setProperty("max.request.size", "4194304");
        props.setProperty("compression.type", "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < records.size(); i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null, records.get(i)));
            }
            producer.flush();
        }
    }

    @Test
    void everyHostileRecordEndsUpCountedAndTheJobNeverFails(@InjectClusterRESTAddress URI rest)
            throws Exception {
        String input = LocalKafka.unique("hostile");
        String prefix = LocalKafka.unique("hostile-out") + ".";
        createTopic(input);
        List<byte[]> records = HostileInput.hostileRecords(20261201L, 3);
        produce(input, records);

        ThymeConf conf =
                TestConf.sinkingTo(
                        LocalKafka.bootstrapServers(), prefix, prefix, Duration.ofMillis(500));
        JobSpec spec = new SpecLoader(conf).parse("hostile.yaml", KafkaPipelineITCase.spec(input));
        JobClient job =
                TestJobs.start(conf, spec, 2, new org.apache.flink.configuration.Configuration());
        try {
            int[] counts =
                    HostileInput.awaitEveryRecordAccountedFor(
                            prefix + "Transaction", records.size());
            assertThat(counts[1]).as("invalid rows").isGreaterThanOrEqualTo(3 * 20);
            HostileInput.assertOneOversizedEventInErrors(prefix + "Transaction", counts[1]);
            HostileInput.assertRunningWithoutTaskFailures(rest, job);
        } finally {
            job.cancel().get();
        }
    }
}
