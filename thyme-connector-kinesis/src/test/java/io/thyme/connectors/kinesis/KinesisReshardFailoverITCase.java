package io.thyme.connectors.kinesis;

import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.thyme.conf.KafkaConnection;
import io.thyme.conf.ThymeConf;
import io.thyme.job.FlinkRest;
import io.thyme.spec.JobSpec;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalKinesis;
import io.thyme.testing.TestJobs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A reshard followed at once by a real task failure: a stream of two shards read at parallelism 2
 * (cdc append, so each subtask is a pipelined region of its own and a failure restarts it alone,
 * leaving the enumerator as it is), one subtask per TaskManager. After a checkpoint, each parent
 * shard gets a tail of records, the stream is resharded, the children get records of the same keys,
 * and a TaskManager is terminated before the next checkpoint: the restarted reader reads its
 * parent's tail again from the checkpoint. Every key's records must reach the dataset topic once
 * and in order.
 *
 * <p>Checkpoints are triggered by the test (the periodic interval is 3 minutes), so the failure
 * comes between two checkpoints of its choosing. The tails are longer than one GetRecords call
 * reads (1,000 records), so a child read next to its parent's tail overtakes part of it.
 */
class KinesisReshardFailoverITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster(2, 1);

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final int KEYS = 12;
    private static final int HEAD = 20;
    private static final int TAIL = 800;
    private static final int AFTER = 20;

    /** The TaskManagers this class terminated: the MiniCluster numbers them in start order. */
    private static int terminated;

    @BeforeAll
    static void serversAreUp() {
        LocalKafka.requireRunning();
        LocalKinesis.requireRunning();
    }

    private interface Reshard {
        void apply(String stream, List<Shard> shards);
    }

    @Test
    void splittingBothShardsThenLosingATaskManagerKeepsEachKeysOrder(
            @InjectMiniCluster MiniCluster cluster, @InjectClusterRESTAddress URI rest)
            throws Exception {
        reshardThenLoseATaskManager(
                cluster,
                rest,
                (stream, shards) -> shards.forEach(s -> LocalKinesis.split(stream, s)),
                6);
    }

    @Test
    void mergingTwoShardsThenLosingATaskManagerKeepsEachKeysOrder(
            @InjectMiniCluster MiniCluster cluster, @InjectClusterRESTAddress URI rest)
            throws Exception {
        reshardThenLoseATaskManager(
                cluster,
                rest,
                (stream, shards) -> LocalKinesis.merge(stream, shards.get(0), shards.get(1)),
                3);
    }

    private void reshardThenLoseATaskManager(
            MiniCluster cluster, URI rest, Reshard reshard, int shardsAfter) throws Exception {
        String stream = LocalKafka.unique("reshard");
        LocalKinesis.createStream(stream, 2);
        String prefix = LocalKafka.unique("reshard") + ".";
        ThymeConf conf =
                LocalKinesis.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        Duration.ofMinutes(3),
                        LocalKinesis.connection("aws"));
        String topic = prefix + "Reading";
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        JobClient job = TestJobs.start(conf, spec(conf, stream), 2, TestJobs.restartingOnFailure());
        try {
            put(stream, base, 0, HEAD);
            assertThat(LocalKafka.readUncommitted(topic, KEYS * HEAD, WAIT))
                    .as("the head records written by the sink")
                    .hasSizeGreaterThanOrEqualTo(KEYS * HEAD);
            cluster.triggerCheckpoint(job.getJobID()).get();

            put(stream, base, HEAD, TAIL);
            reshard.apply(stream, LocalKinesis.shards(stream));
            assertThat(LocalKinesis.shards(stream))
                    .as("the shards listed after the reshard, closed parents included")
                    .hasSize(shardsAfter);
            put(stream, base, HEAD + TAIL, AFTER);
            assertThat(LocalKafka.readUncommitted(topic, KEYS * (HEAD + TAIL), WAIT))
                    .as("the parents' tails written by the sink")
                    .hasSizeGreaterThanOrEqualTo(KEYS * (HEAD + TAIL));
            // Let the children be read if the enumerator hands them out before a checkpoint (it
            // does for a split's children, which go to their parent's reader; a merge's child
            // waits for one): then the failure comes after their records were written.
            awaitOrGiveUp(
                    Duration.ofSeconds(10),
                    () ->
                            LocalKafka.readUncommitted(
                                                    topic,
                                                    KEYS * (HEAD + TAIL + AFTER),
                                                    Duration.ofMillis(500))
                                            .size()
                                    >= KEYS * (HEAD + TAIL + AFTER));

            cluster.terminateTaskManager(terminated++).get();
            cluster.startTaskManager();

            int expected = KEYS * (HEAD + TAIL + AFTER);
            await("every record committed after the failover")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(
                            () -> {
                                cluster.triggerCheckpoint(job.getJobID()).get();
                                return LocalKafka.readCommitted(
                                                        topic,
                                                        expected,
                                                        Duration.ofSeconds(2),
                                                        Duration.ZERO)
                                                .size()
                                        >= expected;
                            });
            assertKeysInOrder(
                    LocalKafka.readCommitted(topic, expected, WAIT, Duration.ofSeconds(2)),
                    "across the parent's tail read twice and its children");
            assertThat(attempts(new FlinkRest(rest), job))
                    .as("the attempts of the two subtasks: one restarted alone, one not")
                    .hasSize(2)
                    .contains(0)
                    .anyMatch(attempt -> attempt > 0);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * A merge under backpressure, no failure: the sink is slowed down (one record a request, one
     * request in flight, 32 KB of producer buffer), so in upsert mode the keyed exchange holds the
     * tail one parent's reader emitted while the other reader would start the child. Every key's
     * records must still reach the dataset topic in order.
     */
    @Test
    void aMergeUnderBackpressureKeepsEachKeysOrder() throws Exception {
        String stream = LocalKafka.unique("backpressure");
        LocalKinesis.createStream(stream, 2);
        String prefix = LocalKafka.unique("backpressure") + ".";
        ThymeConf fast =
                LocalKinesis.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        Duration.ofSeconds(1),
                        LocalKinesis.connection("aws"));
        ThymeConf conf =
                new ThymeConf(
                        fast.file(),
                        Map.of(
                                "local",
                                new KafkaConnection(
                                        "local",
                                        LocalKafka.bootstrapServers(),
                                        Map.of(
                                                "batch.size", "0",
                                                "linger.ms", "0",
                                                "buffer.memory", "32768",
                                                "max.in.flight.requests.per.connection", "1"))),
                        fast.sections(),
                        fast.sink(),
                        fast.job());
        String topic = prefix + "Reading";
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        JobClient job = TestJobs.start(conf, spec(conf, stream, "upsert"), 2, new Configuration());
        try {
            put(stream, base, 0, HEAD);
            assertThat(LocalKafka.readCommitted(topic, KEYS * HEAD, WAIT, Duration.ZERO))
                    .hasSize(KEYS * HEAD);
            put(stream, base, HEAD, TAIL);
            List<Shard> parents = LocalKinesis.shards(stream);
            LocalKinesis.merge(stream, parents.get(0), parents.get(1));
            put(stream, base, HEAD + TAIL, AFTER);
            int expected = KEYS * (HEAD + TAIL + AFTER);
            assertKeysInOrder(
                    LocalKafka.readCommitted(topic, expected, WAIT, Duration.ofSeconds(2)),
                    "across both parents, one's tail held by backpressure, and their child");
        } finally {
            job.cancel().get();
        }
    }

    private static void assertKeysInOrder(
            List<ConsumerRecord<byte[], byte[]>> events, String across) {
        int expected = KEYS * (HEAD + TAIL + AFTER);
        assertThat(events).as("events, duplicates included").hasSize(expected);
        Set<String> distinct = new HashSet<>();
        events.forEach(r -> distinct.add(text(r.value())));
        assertThat(distinct).as("distinct events").hasSize(expected);
        for (int k = 0; k < KEYS; k++) {
            String key = "{\"id\":\"" + key(k) + "\"}";
            List<Integer> order =
                    events.stream()
                            .filter(r -> key.equals(text(r.key())))
                            .map(r -> seq(text(r.value())))
                            .toList();
            assertThat(order)
                    .as("the records of %s in the dataset topic, %s", key(k), across)
                    .hasSize(HEAD + TAIL + AFTER)
                    .isSorted();
        }
    }

    private static JobSpec spec(ThymeConf conf, String stream) {
        return spec(conf, stream, "append");
    }

    private static JobSpec spec(ThymeConf conf, String stream, String cdc) {
        return LocalKinesis.readingsSpec(conf, stream, "5m", cdc);
    }

    private static String key(int k) {
        return "k" + k;
    }

    /** Records {@code from} to {@code from + count - 1} of every key, the keys interleaved. */
    private static void put(String stream, Instant base, int from, int count) {
        List<String> keys = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        for (int seq = from; seq < from + count; seq++) {
            for (int k = 0; k < KEYS; k++) {
                keys.add(key(k));
                records.add(
                        String.format(
                                        "{\"id\":\"%s\",\"seq\":%d,\"ts\":\"%s\"}",
                                        key(k), seq, base.plusMillis(seq))
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
        LocalKinesis.putAll(stream, keys, records);
    }

    private static int seq(String value) {
        Matcher m = SEQ.matcher(value);
        assertThat(m.find()).as(value).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Waits for {@code condition} at most {@code atMost}; going on without it is no failure. */
    private static void awaitOrGiveUp(
            Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (ConditionTimeoutException e) {
            // the enumerator held the children back: the failure comes before they are read
        }
    }

    /** The attempt number of each subtask of the job's one vertex (the whole chain). */
    private static List<Integer> attempts(FlinkRest ui, JobClient job) throws Exception {
        List<Integer> attempts = new ArrayList<>();
        for (JsonNode vertex : ui.get("/jobs/" + job.getJobID()).path("vertices")) {
            String path = "/jobs/" + job.getJobID() + "/vertices/" + vertex.path("id").asText();
            for (JsonNode subtask : ui.get(path).path("subtasks")) {
                attempts.add(subtask.path("attempt").asInt());
            }
        }
        return attempts;
    }
}
