package io.thyme.connectors.kafka;

import io.thyme.bench.BenchJobs;
import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestConf;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code scripts/bench.sh kafka}: N JSON events of about 200 bytes through the whole Thyme pipeline
 * (decode, watermarks, late filter, exactly-once sink), and through a plain Flink KafkaSource ->
 * KafkaSink byte pass-through with the same delivery guarantee and checkpoint interval, each in a
 * JVM of its own. Throughput is counted where a downstream reader sees it: committed records in the
 * output topic, from the job's submission.
 */
public final class KafkaBench {

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
        BenchJobs.Result result =
                switch (job) {
                    case "pass-through" -> BenchJobs.run(job, events, () -> passThrough(input));
                    case "thyme" -> BenchJobs.run(job, events, () -> thymeJob(input));
                    default -> throw new IllegalArgumentException("unknown job " + job);
                };
        System.out.printf(Locale.ROOT, "RESULT %s %.0f %d%n", job, result.rate(), result.peakMb());
        System.exit(0);
    }

    private static Object[] thymeJob(String input) throws Exception {
        String prefix = LocalKafka.unique("bench") + ".";
        ThymeConf conf =
                TestConf.sinkingTo(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        prefix,
                        BenchJobs.CHECKPOINT_INTERVAL);
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
        StreamExecutionEnvironment env = BenchJobs.environment();
        JobAssembler.assemble(env, List.of(spec), conf);
        return new Object[] {prefix + "Transaction", env.executeAsync("bench-thyme")};
    }

    private static Object[] passThrough(String input) throws Exception {
        String output = LocalKafka.unique("bench-pass");
        LocalKafka.createTopic(output, 1);
        StreamExecutionEnvironment env = BenchJobs.environment();
        KafkaSource<byte[]> source =
                KafkaSource.<byte[]>builder()
                        .setBootstrapServers(LocalKafka.bootstrapServers())
                        .setTopics(input)
                        .setGroupId(output)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new BenchJobs.RawValue())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "pass-through source")
                .sinkTo(BenchJobs.byteSink(output));
        return new Object[] {output, env.executeAsync("bench-pass-through")};
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
}
