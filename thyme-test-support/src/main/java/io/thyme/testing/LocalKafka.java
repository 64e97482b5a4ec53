package io.thyme.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real Kafka broker the tests use, started by {@code scripts/kafka.sh} (the test command starts
 * it). {@code THYME_KAFKA_BOOTSTRAP} says where it is; the default is 127.0.0.1:9092.
 */
public final class LocalKafka {
    private LocalKafka() {}

    public static String bootstrapServers() {
        return Optional.ofNullable(System.getenv("THYME_KAFKA_BOOTSTRAP")).orElse("127.0.0.1:9092");
    }

    /** A name no earlier run used, so tests never see each other's records. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Properties props() {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers());
        return props;
    }

    /** Fails the test with what to do when no broker answers. */
    public static void requireRunning() {
        Properties props = props();
        props.setProperty("default.api.timeout.ms", "10000");
        props.setProperty("request.timeout.ms", "5000");
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            fail(
                    "no Kafka broker at %s; start one with scripts/kafka.sh start (or run"
                            + " scripts/test.sh, which does): %s",
                    bootstrapServers(), e);
        }
    }

    public static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(props())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Writes the values in order to partition 0, without keys. */
    public static void produce(String topic, List<String> values) {
        Properties props = props();
        props.setProperty("key.serializer", StringSerializer.class.getName());
        props.setProperty("value.serializer", StringSerializer.class.getName());
        props.setProperty("enable.idempotence", "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, 0, null, value));
            }
            producer.flush();
        }
    }

    /** Writes a record without a value to partition 0 (what Debezium writes after a delete). */
    public static void produceTombstone(String topic) {
        Properties props = props();
        props.setProperty("key.serializer", StringSerializer.class.getName());
        props.setProperty("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, 0, "{\"id\":1}", null));
            producer.flush();
        }
    }

    /**
     * Reads a topic from the beginning as a read_committed consumer until at least {@code expected}
     * records arrived (or {@code timeout} passed), then keeps reading for {@code settle} more to
     * catch any record beyond the expected ones.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            String topic, int expected, Duration timeout, Duration settle) {
        return read(topic, expected, timeout, settle, "read_committed");
    }

    /**
     * Like {@link #readCommitted}, but also the records of open transactions: what a sink has
     * written, whether or not a checkpoint committed it yet.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readUncommitted(
            String topic, int expected, Duration timeout) {
        return read(topic, expected, timeout, Duration.ZERO, "read_uncommitted");
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(
            String topic, int expected, Duration timeout, Duration settle, String isolation) {
        Properties props = props();
        props.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("isolation.level", isolation);
        props.setProperty("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long settleEnd = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < settleEnd) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The end offset of partition 0: records plus transaction markers, committed or not. */
    public static long endOffset(String topic) {
        Properties props = props();
        props.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), text(h.value())));
        return headers;
    }
}
