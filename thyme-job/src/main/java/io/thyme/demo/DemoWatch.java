package io.thyme.demo;

import io.thyme.job.FlinkRest;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints, every five seconds, how many records a dataset's three topics hold (read_committed, as
 * downstream consumers see them) and the late-drop count the Flink UI shows. Usage: {@code
 * DemoWatch <bootstrap-servers> <dataset-topic> <flink-rest-url>}.
 */
public final class DemoWatch {
    private DemoWatch() {}

    public static void main(String[] args) throws Exception {
        String topic = args[1];
        FlinkRest ui = new FlinkRest(URI.create(args[2]));
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", args[0]);
        props.setProperty("group.id", "thyme-demo-watch-" + System.nanoTime());
        props.setProperty("auto.offset.reset", "earliest");
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        Map<String, Long> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic, topic + ".late", topic + ".errors"));
            long nextReport = System.currentTimeMillis() + 5000;
            while (!Thread.currentThread().isInterrupted()) {
                consumer.poll(Duration.ofMillis(500))
                        .forEach(r -> counts.merge(r.topic(), 1L, Long::sum));
                if (System.currentTimeMillis() >= nextReport) {
                    nextReport += 5000;
                    System.out.printf(
                            "%s  %s: %d events | %s.late: %d | %s.errors: %d | UI"
                                    + " numLateRecordsDropped: %s%n",
                            LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
                            topic,
                            counts.getOrDefault(topic, 0L),
                            topic,
                            counts.getOrDefault(topic + ".late", 0L),
                            topic,
                            counts.getOrDefault(topic + ".errors", 0L),
                            lateDrops(ui).map(String::valueOf).orElse("(job starting)"));
                }
            }
        }
    }

    private static Optional<Long> lateDrops(FlinkRest ui) {
        try {
            Optional<JobID> job = ui.runningJob();
            if (job.isEmpty()) {
                return Optional.empty();
            }
            return ui.operatorMetric(job.get(), "late events", "numLateRecordsDropped");
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
