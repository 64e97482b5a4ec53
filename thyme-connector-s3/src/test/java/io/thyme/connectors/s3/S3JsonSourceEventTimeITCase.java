package io.thyme.connectors.s3;

import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalS3;
import io.thyme.testing.TestJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event time of S3JsonSource in a backfill: the objects one listing finds are one batch, so a
 * history whose keys are not in time order, rows unsorted inside, lands whole in the dataset topic;
 * an object of old rows arriving in a later listing is late relative to what came before.
 */
class S3JsonSourceEventTimeITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Instant START = Instant.parse("2024-04-01T00:00:00Z");
    private static final int DAYS = 30;
    private static final int PER_DAY = 200;

    @BeforeAll
    static void serversAreUp() {
        LocalKafka.requireRunning();
        LocalS3.requireRunning();
    }

    private static String line(String id, Instant ts) {
        return String.format("{\"id\":\"%s\",\"page\":\"/p\",\"ts\":\"%s\"}%n", id, ts);
    }

    @Test
    void aShuffledHistoryLandsWholeAndALaterObjectOfOldRowsIsLate() throws Exception {
        String bucket = LocalKafka.unique("history").toLowerCase().replace('_', '-');
        String prefix = LocalKafka.unique("s3time") + ".";
        LocalS3.createBucket(bucket);
        Random random = new Random(30);
        List<Integer> days = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            days.add(d);
        }
        Collections.shuffle(days, random);
        for (int day : days) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < PER_DAY; i++) {
                Instant ts = START.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
                rows.append(line("d" + day + "-" + i, ts));
            }
            // keys that do not sort by time; every other object gzip
            String key = "events/" + Integer.toHexString(random.nextInt()) + "-" + day;
            if (day % 2 == 0) {
                LocalS3.put(bucket, key + ".jsonl", rows.toString());
            } else {
                LocalS3.put(bucket, key + ".json.gz", LocalS3.gzip(rows.toString()));
            }
        }
        ThymeConf conf =
                LocalS3.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        Duration.ofMillis(500),
                        LocalS3.connection("store"));
        JobSpec spec =
                new SpecLoader(conf)
                        .parse(
                                "clicks.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: Click",
                                        "  fields:",
                                        "    id: {type: str, key: true}",
                                        "    page: str",
                                        "    ts: {type: datetime, timestamp: true}",
                                        "source:",
                                        "  connector: {kind: S3JsonSource, connection: store,"
                                                + " bucket: "
                                                + bucket
                                                + ", prefix: events/,"
                                                + " path_pattern: '**.{jsonl,json.gz}'}",
                                        "  every: 1s",
                                        "  max_lateness: 5m",
                                        ""));
        String topic = prefix + "Click";
        JobClient job = TestJobs.start(conf, spec, 2, new Configuration());
        try {
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(topic, DAYS * PER_DAY, WAIT, SETTLE);
            assertThat(events).hasSize(DAYS * PER_DAY);
            assertThat(events.stream().map(e -> text(e.key())).collect(Collectors.toSet()))
                    .hasSize(DAYS * PER_DAY);
            assertThat(LocalKafka.readCommitted(topic + ".late", 1, Duration.ofSeconds(2), SETTLE))
                    .as("late events of the history")
                    .isEmpty();

            // a later listing: rows of day 10 are late now, rows after the newest are not
            Instant newest = START.plus(Duration.ofDays(DAYS));
            StringBuilder later = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                later.append(line("old-" + i, START.plus(Duration.ofDays(10)).plusSeconds(i)));
                later.append(line("new-" + i, newest.plusSeconds(i)));
            }
            LocalS3.put(bucket, "events/zz-later.jsonl", later.toString());
            List<ConsumerRecord<byte[], byte[]>> late =
                    LocalKafka.readCommitted(topic + ".late", 10, WAIT, SETTLE);
            assertThat(late.stream().map(e -> text(e.key())))
                    .hasSize(10)
                    .allMatch(k -> k.contains("old-"));
            List<ConsumerRecord<byte[], byte[]>> all =
                    LocalKafka.readCommitted(topic, DAYS * PER_DAY + 10, WAIT, SETTLE);
            assertThat(all).hasSize(DAYS * PER_DAY + 10);
            assertThat(all.subList(DAYS * PER_DAY, all.size()).stream().map(e -> text(e.key())))
                    .allMatch(k -> k.contains("new-"));
        } finally {
            job.cancel().get();
        }
    }
}
