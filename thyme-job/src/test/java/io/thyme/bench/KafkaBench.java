package io.thyme.bench;

import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.sink.DatasetSinks;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code scripts/bench.sh kafka}: N JSON events of about 200 bytes through the whole Thyme pipeline
 * (decode, watermarks, late filter, exactly-once sink), and through a plain Flink KafkaSource ->
 * KafkaSink byte pass-through with the same delivery guarantee and checkpoint interval, each in a
 * JVM of its own. Throughput is counted where a downstream reader sees it: committed records in the
 * output topic, from the job's submission.
 */
public final class KafkaBench {

    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    private KafkaBench() {}

    /**
     * {@code produce N} writes the input topic and prints its name; {@code run pass-through|thyme
     * TOPIC N} runs one job over it and prints {@code RESULT <job> <events/s> <peak RSS MB>}.
     * scripts/bench.sh runs each job in a JVM of its own, in alternating order, and prints the
     * rounds and the median.
     */
    public static void main(String[] args) throws Exception {
        LocalKafka.requireRunning();
        if (args.length == 2 && args[0].equals("produce")) {
            int events = Integer.parseInt(args[1]);
            String input = LocalKafka.unique("bench-in");
            LocalKafka.createTopic(input, 1);
            System.out.printf("Writing %,d events to %s ...%n", events, input);
            int bytes = produce(input, events);
            System.out.printf("Average event size: %d bytes%n", bytes / events);
            System.out.println("INPUT " + input);
            System.exit(0);
        }
        if (args.length != 4 || !args[0].equals("run")) {
            throw new IllegalArgumentException(
                    "usage: KafkaBench produce N | run pass-through|thyme TOPIC N");
        }
        String job = args[1];
        String input = args[2];
        int events = Integer.parseInt(args[3]);
        Result result =
                switch (job) {
                    case "pass-through" -> run(job, events, () -> passThrough(input));
                    case "thyme" -> run(job, events, () -> thymeJob(input));
                    default -> throw new IllegalArgumentException("unknown job " + job);
                };
        System.out.printf(Locale.ROOT, "RESULT %s %.0f %d%n", job, result.rate(), result.peakMb());
        System.exit(0);
    }

    public record Result(int events, long millis, long peakMb) {
        public double rate() {
            return events * 1000.0 / millis;
        }
    }

    public interface JobStarter {
        /** Starts the job; returns the topic it writes and its client. */
        Object[] start() throws Exception;
    }

    public static Result run(String name, int events, JobStarter starter) throws Exception {
        System.out.printf("Running %s ...%n", name);
        try (ProcessMemory memory = new ProcessMemory()) {
            long start = System.nanoTime();
            Object[] started = starter.start();
            String output = (String) started[0];
            JobClient job = (JobClient) started[1];
            long first = countUntil(output, events);
            long millis = (System.nanoTime() - start) / 1_000_000;
            try {
                job.cancel().get();
            } catch (Exception e) {
                // a bounded job (the JDBC baseline) finished on its own and took its cluster along
            }
            // the first records are visible once the first checkpoint after them commits
            System.out.printf(
                    Locale.ROOT,
                    "  %s: %,d events in %,d ms (the first visible after %,d ms)%n",
                    name,
                    events,
                    millis,
                    (first - start) / 1_000_000);
            return new Result(events, millis, memory.peakMb());
        }
    }

    public static StreamExecutionEnvironment environment() {
        Configuration config = new Configuration();
        config.setString("rest.bind-address", "127.0.0.1");
        config.setString("taskmanager.numberOfTaskSlots", "1");
        config.setString("execution.checkpointing.dir", "file:///tmp/thyme-bench-checkpoints");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(1, config);
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());
        return env;
    }

    private static Object[] thymeJob(String input) throws Exception {
        String prefix = LocalKafka.unique("bench") + ".";
        ThymeConf conf =
                TestConf.sinkingTo(
                        LocalKafka.bootstrapServers(), prefix, prefix, CHECKPOINT_INTERVAL);
        JobSpec spec =
                new SpecLoader(conf)
                        .parse(
                                "bench.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: Transaction",
                                        "  fields:",
                                        "    user_id: {type: str, key: true}",
                                        "    amount: {type: float}",
                                        "    currency: {type: str}",
                                        "    merchant: {type: str}",
                                        "    note: {type: \"Optional[str]\"}",
                                        "    ts: {type: datetime, timestamp: true}",
                                        "source:",
                                        "  connector: {kind: KafkaSource, cluster: local, topic: "
                                                + input
                                                + "}",
                                        "  max_lateness: 5m",
                                        ""));
        StreamExecutionEnvironment env = environment();
        JobAssembler.assemble(env, List.of(spec), conf);
        return new Object[] {prefix + "Transaction", env.executeAsync("bench-thyme")};
    }

    private static Object[] passThrough(String input) throws Exception {
        String output = LocalKafka.unique("bench-pass");
        LocalKafka.createTopic(output, 1);
        StreamExecutionEnvironment env = environment();
        KafkaSource<byte[]> source =
                KafkaSource.<byte[]>builder()
                        .setBootstrapServers(LocalKafka.bootstrapServers())
                        .setTopics(input)
                        .setGroupId(output)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new RawValue())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "pass-through source")
                .sinkTo(byteSink(output));
        return new Object[] {output, env.executeAsync("bench-pass-through")};
    }

    /**
     * The baselines' sink: bytes as they are to {@code topic}, exactly once, with the producer
     * settings the Thyme sink uses.
     */
    public static KafkaSink<byte[]> byteSink(String topic) {
        Properties producer = DatasetSinks.withProducerDefaults(new Properties());
        producer.setProperty("transaction.timeout.ms", "900000");
        return KafkaSink.<byte[]>builder()
                .setBootstrapServers(LocalKafka.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(topic)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<byte[]>builder()
                                .setTopic(topic)
                                .setValueSerializationSchema((SerializationSchema<byte[]>) v -> v)
                                .build())
                .build();
    }

    /** The record's value as it is. */
    static final class RawValue implements KafkaRecordDeserializationSchema<byte[]> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<byte[]> out) {
            out.collect(record.value());
        }

        @Override
        public TypeInformation<byte[]> getProducedType() {
            return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        }
    }

    private static int produce(String topic, int events) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", LocalKafka.bootstrapServers());
        props.setProperty("key.serializer", StringSerializer.class.getName());
        props.setProperty("value.serializer", StringSerializer.class.getName());
        props.setProperty("linger.ms", "20");
        props.setProperty("batch.size", "262144");
        props.setProperty("compression.type", "lz4");
        long bytes = 0;
        Instant start = Instant.parse("2024-05-01T00:00:00Z");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < events; i++) {
                String value =
                        String.format(
                                Locale.ROOT,
                                "{\"user_id\":\"user-%06d\",\"amount\":%.2f,\"currency\":\"EUR\","
                                        + "\"merchant\":\"merchant-%04d\",\"note\":\"card present,"
                                        + " contactless, terminal %05d\",\"ts\":\"%s\"}",
                                i % 100_000,
                                (i % 10_000) / 7.0,
                                i % 5_000,
                                i % 99_999,
                                start.plusMillis(i * 10L));
                bytes += value.length();
                producer.send(new ProducerRecord<>(topic, 0, null, value));
            }
        }
        return (int) bytes;
    }

    /** Reads {@code topic} until {@code expected} records; returns when the first was seen. */
    private static long countUntil(String topic, int expected) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", LocalKafka.bootstrapServers());
        props.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("group.id", LocalKafka.unique("bench-count"));
        props.setProperty("auto.offset.reset", "earliest");
        props.setProperty("fetch.max.bytes", "52428800");
        long seen = 0;
        long first = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (seen < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "only "
                                    + seen
                                    + " of "
                                    + expected
                                    + " events in "
                                    + topic
                                    + " after 15 minutes");
                }
                seen += consumer.poll(Duration.ofMillis(200)).count();
                if (first == 0 && seen > 0) {
                    first = System.nanoTime();
                }
            }
        }
        return first;
    }
}
