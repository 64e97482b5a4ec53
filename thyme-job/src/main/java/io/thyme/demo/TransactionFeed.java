package io.thyme.demo;

import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds the demo: every second, a batch of transactions as JSON to a Kafka topic. Most are a few
 * seconds old; one in twenty is ten minutes old (late, with max_lateness 5m); one in fifty is not a
 * valid row. Usage: {@code TransactionFeed <bootstrap-servers> <topic> [per-second]}.
 */
public final class TransactionFeed {
    private TransactionFeed() {}

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String topic = args.length > 1 ? args[1] : "transactions";
        int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrap);
        props.setProperty("key.serializer", StringSerializer.class.getName());
        props.setProperty("value.serializer", StringSerializer.class.getName());
        Random random = new Random();
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < perSecond; i++, sent++) {
                    producer.send(new ProducerRecord<>(topic, row(random, now, sent)));
                }
                producer.flush();
                Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - now)));
            }
        }
    }

    static String row(Random random, long now, long n) {
        if (n % 50 == 49) {
            return "{\"user_id\":\"u" + random.nextInt(100) + "\",\"amount\":\"lots\"}";
        }
        long ageMillis = n % 20 == 19 ? 600_000 : random.nextInt(5_000);
        return String.format(
                Locale.ROOT,
                "{\"user_id\":\"u%d\",\"amount\":%.2f,\"ts\":\"%s\"}",
                random.nextInt(100),
                random.nextDouble() * 200,
                java.time.Instant.ofEpochMilli(now - ageMillis));
    }
}
