package io.thyme.bench;

import io.thyme.sink.DatasetSinks;
import io.thyme.testing.LocalKafka;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What every benchmark shares: a local Flink environment checkpointing every second, the run that
 * times a job until a downstream reader sees all its records (committed, in its output topic), and
 * the baselines' byte sink with the Thyme sink's producer settings.
 */
public final class BenchJobs {
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    private BenchJobs() {}

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
    public static final class RawValue implements KafkaRecordDeserializationSchema<byte[]> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<byte[]> out) {
            out.collect(record.value());
        }

        @Override
        public TypeInformation<byte[]> getProducedType() {
            return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        }
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
