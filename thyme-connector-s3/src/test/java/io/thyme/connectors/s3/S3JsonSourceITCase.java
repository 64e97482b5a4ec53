package io.thyme.connectors.s3;

import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.thyme.conf.ThymeConf;
import io.thyme.sink.PreflightException;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalS3;
import io.thyme.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** S3JsonSource on a MiniCluster: objects in a real S3Proxy (SigV4) into a real Kafka broker. */
class S3JsonSourceITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(3);

    /**
     * S3Proxy's filesystem store lists an upload in progress under a temporary key ({@code
     * key-<uuid>} next to it); real S3 lists only complete objects. The tests read the keys their
     * producers write.
     */
    private static final String S3PROXY_COMPLETE_OBJECTS = ", path_pattern: '**.{jsonl,json.gz}'";

    @TempDir Path savepoints;
    @TempDir Path localDir;

    @BeforeAll
    static void serversAreUp() {
        LocalKafka.requireRunning();
        LocalS3.requireRunning();
    }

    record Fixture(ThymeConf conf, String bucket, String prefix) {
        String topic() {
            return prefix + "Click";
        }

        JobSpec spec(String cdc, String extraConnector) {
            return new SpecLoader(conf)
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
                                    "  connector: {kind: S3JsonSource, connection: store, bucket: "
                                            + bucket
                                            + ", prefix: events/"
                                            + (extraConnector.isEmpty()
                                                    ? S3PROXY_COMPLETE_OBJECTS
                                                    : extraConnector)
                                            + "}",
                                    "  cursor: ts",
                                    "  every: 1s",
                                    "  max_lateness: 5m",
                                    "  cdc: " + cdc,
                                    ""));
        }
    }

    private static Fixture fixture(S3Connection store) {
        String bucket = LocalKafka.unique("clicks").toLowerCase().replace('_', '-');
        String prefix = LocalKafka.unique("s3") + ".";
        ThymeConf conf =
                LocalS3.conf(LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500), store);
        return new Fixture(conf, bucket, prefix);
    }

    private static Fixture s3Fixture() {
        Fixture f = fixture(LocalS3.connection("store"));
        LocalS3.createBucket(f.bucket());
        return f;
    }

    static String lines(String id, int count, Instant ts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(line(id + i, "/p" + i, ts.plusMillis(i))).append('\n');
        }
        return text.toString();
    }

    static String line(String id, String page, Instant ts) {
        return String.format("{\"id\":\"%s\",\"page\":\"%s\",\"ts\":\"%s\"}", id, page, ts);
    }

    static String array(String id, int count, Instant ts) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(line(id + i, "/a" + i, ts.plusMillis(i)));
        }
        return "[\n  " + String.join(",\n  ", rows) + "\n]\n";
    }

    static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> text(r.key())).collect(Collectors.toSet());
    }

    @Test
    void objectsBeforeAndWhileRunningArriveOnceAndABadLineGoesToErrors() throws Exception {
        Fixture f = s3Fixture();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LocalS3.put(f.bucket(), "events/2024/a.jsonl", lines("a", 50, now.minusSeconds(30)));
        LocalS3.put(
                f.bucket(),
                "events/2024/b.json.gz",
                LocalS3.gzip(array("b", 30, now.minusSeconds(20))));
        LocalS3.put(f.bucket(), "elsewhere/x.jsonl", lines("x", 10, now));
        JobClient job = TestJobs.start(f.conf(), f.spec("append", ""));
        try {
            assertThat(LocalKafka.readCommitted(f.topic(), 80, WAIT, Duration.ZERO)).hasSize(80);

            String withBadLine =
                    lines("c", 10, now.minusSeconds(10))
                            + "{\"id\":\"broken\",\"page\":\n"
                            + lines("d", 10, now);
            LocalS3.put(f.bucket(), "events/2024/c.jsonl", withBadLine);

            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 100, WAIT, SETTLE);
            assertThat(events).hasSize(100);
            assertThat(keys(events)).hasSize(100).noneMatch(k -> k.contains("\"x"));
            List<ConsumerRecord<byte[], byte[]>> errors =
                    LocalKafka.readCommitted(f.topic() + ".errors", 1, WAIT, SETTLE);
            assertThat(errors)
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(headers(e).get("thyme.origin"))
                                        .isEqualTo(
                                                "s3://"
                                                        + f.bucket()
                                                        + "/events/2024/c.jsonl#line 11");
                                assertThat(headers(e).get("thyme.reason"))
                                        .contains("not valid JSON");
                                assertThat(text(e.value())).contains("broken");
                            });
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void restoresFromASavepointWithoutLossOrRepeat() throws Exception {
        Fixture f = s3Fixture();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LocalS3.put(f.bucket(), "events/1.jsonl", lines("one", 40, now.minusSeconds(40)));
        JobClient first = TestJobs.start(f.conf(), f.spec("append", ""));
        assertThat(LocalKafka.readCommitted(f.topic(), 40, WAIT, Duration.ZERO)).hasSize(40);
        LocalS3.put(f.bucket(), "events/2.jsonl", lines("two", 40, now.minusSeconds(30)));
        assertThat(LocalKafka.readCommitted(f.topic(), 80, WAIT, Duration.ZERO)).hasSize(80);
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        LocalS3.put(f.bucket(), "events/3.jsonl", lines("three", 40, now.minusSeconds(20)));
        JobClient second =
                TestJobs.start(
                        f.conf(), f.spec("append", ""), 1, TestJobs.restoringFrom(savepoint));
        try {
            LocalS3.put(f.bucket(), "events/4.jsonl", lines("four", 40, now.minusSeconds(10)));
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 160, WAIT, SETTLE);
            assertThat(events).hasSize(160);
            assertThat(keys(events)).hasSize(160);
        } finally {
            second.cancel().get();
        }
    }

    @Test
    void upsertPublishesOnlyTheChangedRowsOfARewrittenObject() throws Exception {
        Fixture f = s3Fixture();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LocalS3.put(f.bucket(), "events/users.jsonl", lines("u", 5, now.minusSeconds(30)));
        JobClient job = TestJobs.start(f.conf(), f.spec("upsert", ""));
        try {
            assertThat(LocalKafka.readCommitted(f.topic(), 5, WAIT, Duration.ZERO)).hasSize(5);
            // S3 keeps last-modified in whole seconds: rewrite once that second is over, so the
            // rewrite is a new version of the object.
            Instant first = LocalS3.lastModified(f.bucket(), "events/users.jsonl");
            await("the second of the first version's last-modified time is over")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Instant.now().getEpochSecond() > first.getEpochSecond());
            String rewritten =
                    lines("u", 5, now.minusSeconds(30))
                            .replace(
                                    line("u2", "/p2", now.minusSeconds(30).plusMillis(2)),
                                    line("u2", "/changed", now));
            LocalS3.put(f.bucket(), "events/users.jsonl", rewritten);
            assertThat(LocalS3.lastModified(f.bucket(), "events/users.jsonl")).isAfter(first);

            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(f.topic(), 6, WAIT, SETTLE);
            assertThat(events).hasSize(6);
            ConsumerRecord<byte[], byte[]> update = events.get(5);
            assertThat(text(update.key())).isEqualTo("{\"id\":\"u2\"}");
            assertThat(text(update.value())).contains("/changed");
            assertThat(headers(update)).containsEntry("thyme.change", "update");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void readsALocalDirectoryThroughAFileEndpoint() throws Exception {
        S3Connection local =
                new S3Connection("store", localDir.toUri().toString(), "", false, "", "");
        Fixture f = fixture(local);
        Path events = Files.createDirectories(localDir.resolve(f.bucket()).resolve("events"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Files.writeString(events.resolve("a.jsonl"), lines("a", 25, now.minusSeconds(10)));
        JobClient job = TestJobs.start(f.conf(), f.spec("append", ", path_pattern: '*.jsonl'"));
        try {
            Files.writeString(events.resolve("b.jsonl"), lines("b", 25, now));
            Files.writeString(events.resolve("ignored.txt"), lines("t", 5, now));
            List<ConsumerRecord<byte[], byte[]>> rows =
                    LocalKafka.readCommitted(f.topic(), 50, WAIT, SETTLE);
            assertThat(rows).hasSize(50);
            assertThat(keys(rows)).hasSize(50).noneMatch(k -> k.contains("\"t"));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void refusesToStartWhenTheBucketCannotBeListed() {
        Fixture f = fixture(LocalS3.connection("store"));
        assertThatThrownBy(() -> TestJobs.assemble(f.conf(), f.spec("append", "")))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("S3JsonSource cannot list bucket '" + f.bucket() + "'")
                .hasMessageContaining(
                        "Check the bucket, the endpoint, the region and the credentials");
        Fixture wrongKey =
                fixture(
                        new S3Connection(
                                "store",
                                LocalS3.endpoint(),
                                "us-east-1",
                                true,
                                "thyme-test",
                                "wrong"));
        LocalS3.createBucket(wrongKey.bucket());
        assertThatThrownBy(() -> TestJobs.assemble(wrongKey.conf(), wrongKey.spec("append", "")))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("cannot list");
    }
}
