package io.thyme.connectors.kinesis;

import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.sink.PreflightException;
import io.thyme.spec.JobSpec;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalKinesis;
import io.thyme.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * KinesisSource on a MiniCluster: a real Kinesis API peer (kinesalite) into a real Kafka broker.
 */
class KinesisSourceITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @TempDir Path savepoints;

    @BeforeAll
    static void serversAreUp() {
        LocalKafka.requireRunning();
        LocalKinesis.requireRunning();
    }

    record Fixture(ThymeConf conf, String stream, String prefix) {
        String topic() {
            return prefix + "Reading";
        }

        JobSpec spec(String cdc) {
            return LocalKinesis.readingsSpec(conf, stream, "5m", cdc);
        }
    }

    private static Fixture fixture(int shards) {
        String stream = LocalKafka.unique("readings");
        LocalKinesis.createStream(stream, shards);
        String prefix = LocalKafka.unique("kin") + ".";
        return new Fixture(
                LocalKinesis.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        Duration.ofMillis(500),
                        LocalKinesis.connection("aws")),
                stream,
                prefix);
    }

    private static void put(Fixture f, String id, int seq, Instant ts) {
        LocalKinesis.put(
                f.stream(),
                id,
                String.format("{\"id\":\"%s\",\"seq\":%d,\"ts\":\"%s\"}", id, seq, ts));
    }

    private static void putMany(Fixture f, String prefix, int from, int count, Instant ts) {
        for (int i = from; i < from + count; i++) {
            put(f, prefix + (i % 10), i, ts.plusMillis(i));
        }
    }

    private static Set<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> text(r.value())).collect(Collectors.toSet());
    }

    @Test
    void recordsBeforeAndWhileRunningArriveOnceAndABadRecordGoesToErrors() throws Exception {
        Fixture f = fixture(2);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        putMany(f, "u", 0, 60, now.minusSeconds(30));
        JobClient job = TestJobs.start(f.conf(), f.spec("append"));
        try {
            assertThat(LocalKafka.readCommitted(f.topic(), 60, WAIT, Duration.ZERO)).hasSize(60);
            putMany(f, "u", 60, 60, now);
            LocalKinesis.put(f.stream(), "bad", "{\"id\":\"bad\",\"seq\":\"x\"}");

            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 120, WAIT, SETTLE);
            assertThat(events).hasSize(120);
            assertThat(values(events)).hasSize(120);
            List<ConsumerRecord<byte[], byte[]>> errors =
                    LocalKafka.readCommitted(f.topic() + ".errors", 1, WAIT, SETTLE);
            assertThat(errors)
                    .singleElement()
                    .satisfies(
                            e ->
                                    assertThat(headers(e).get("thyme.origin"))
                                            .startsWith("kinesis://" + f.stream() + "/shardId-"));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void restoresFromASavepointWithoutLossOrRepeat() throws Exception {
        Fixture f = fixture(2);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        putMany(f, "a", 0, 50, now.minusSeconds(40));
        JobClient first = TestJobs.start(f.conf(), f.spec("append"));
        putMany(f, "a", 50, 50, now.minusSeconds(30));
        assertThat(LocalKafka.readCommitted(f.topic(), 100, WAIT, Duration.ZERO)).hasSize(100);
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        putMany(f, "a", 100, 50, now.minusSeconds(20));
        JobClient second =
                TestJobs.start(f.conf(), f.spec("append"), 1, TestJobs.restoringFrom(savepoint));
        try {
            putMany(f, "a", 150, 50, now.minusSeconds(10));
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 200, WAIT, SETTLE);
            assertThat(events).hasSize(200);
            assertThat(values(events)).hasSize(200);
        } finally {
            second.cancel().get();
        }
    }

    @Test
    void aSplitShardKeepsEachKeysOrderInUpsertModeAcrossARestore() throws Exception {
        Fixture f = fixture(1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int seq = 0; seq < 40; seq++) {
            put(f, "hot", seq, now.minusSeconds(20).plusMillis(seq));
            put(f, "cold", seq, now.minusSeconds(20).plusMillis(seq));
        }
        JobClient first = TestJobs.start(f.conf(), f.spec("upsert"), 2, new Configuration());
        // the parent is being read before it is split: the child is handed over live
        assertThat(LocalKafka.readCommitted(f.topic(), 80, WAIT, Duration.ZERO)).hasSize(80);
        Shard parent = LocalKinesis.shards(f.stream()).get(0);
        LocalKinesis.split(f.stream(), parent);
        for (int seq = 40; seq < 80; seq++) {
            put(f, "hot", seq, now.minusSeconds(10).plusMillis(seq));
            put(f, "cold", seq, now.minusSeconds(10).plusMillis(seq));
        }
        assertThat(LocalKafka.readCommitted(f.topic(), 160, WAIT, Duration.ZERO)).hasSize(160);
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        for (int seq = 80; seq < 100; seq++) {
            put(f, "hot", seq, now.minusSeconds(5).plusMillis(seq));
            put(f, "cold", seq, now.minusSeconds(5).plusMillis(seq));
        }
        JobClient second =
                TestJobs.start(f.conf(), f.spec("upsert"), 2, TestJobs.restoringFrom(savepoint));
        try {
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 200, WAIT, SETTLE);
            assertThat(events).hasSize(200);
            for (String key : List.of("hot", "cold")) {
                List<Integer> order =
                        events.stream()
                                .filter(r -> text(r.key()).equals("{\"id\":\"" + key + "\"}"))
                                .map(r -> seq(text(r.value())))
                                .toList();
                assertThat(order)
                        .as(
                                "the records of %s, across the parent shard, its child and a restore",
                                key)
                        .hasSize(100)
                        .isSorted();
            }
            assertThat(LocalKinesis.shards(f.stream())).hasSize(3);
        } finally {
            second.cancel().get();
        }
    }

    @Test
    void mergedShardsKeepEachKeysOrderInUpsertMode() throws Exception {
        Fixture f = fixture(2);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> keys = List.of("k0", "k1", "k2", "k3", "k4", "k5");
        for (int seq = 0; seq < 30; seq++) {
            for (String key : keys) {
                put(f, key, seq, now.minusSeconds(20).plusMillis(seq));
            }
        }
        JobClient job = TestJobs.start(f.conf(), f.spec("upsert"), 2, new Configuration());
        try {
            // both parents are being read before the merge: the child is handed over live
            assertThat(LocalKafka.readCommitted(f.topic(), 180, WAIT, Duration.ZERO)).hasSize(180);
            List<Shard> parents = LocalKinesis.shards(f.stream());
            LocalKinesis.merge(f.stream(), parents.get(0), parents.get(1));
            for (int seq = 30; seq < 60; seq++) {
                for (String key : keys) {
                    put(f, key, seq, now.minusSeconds(10).plusMillis(seq));
                }
            }
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 360, WAIT, SETTLE);
            assertThat(events).hasSize(360);
            for (String key : keys) {
                List<Integer> order =
                        events.stream()
                                .filter(r -> text(r.key()).equals("{\"id\":\"" + key + "\"}"))
                                .map(r -> seq(text(r.value())))
                                .toList();
                assertThat(order)
                        .as("the records of %s, across both parent shards and their child", key)
                        .hasSize(60)
                        .isSorted();
            }
            assertThat(LocalKinesis.shards(f.stream())).hasSize(3);
        } finally {
            job.cancel().get();
        }
    }

    private static int seq(String value) {
        Matcher m = SEQ.matcher(value);
        assertThat(m.find()).as(value).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void refusesToStartWithoutTheStream() {
        Fixture f = fixture(1);
        Fixture missing = new Fixture(f.conf(), "no-such-stream", f.prefix());
        assertThatThrownBy(() -> TestJobs.assemble(missing.conf(), missing.spec("append")))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("there is no stream 'no-such-stream'");
    }
}
