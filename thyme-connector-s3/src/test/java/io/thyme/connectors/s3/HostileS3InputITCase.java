package io.thyme.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.testing.HostileInput;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalS3;
import io.thyme.testing.TestJobs;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated hostile records of {@link HostileInput} as JSON Lines objects (plain and gzip) read
 * by S3JsonSource at parallelism 2: every non-blank line ends up as an event, an invalid row or a
 * late event, and the job keeps running.
 */
class HostileS3InputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    @TempDir Path stores;

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    private static final byte[] VALID =
            "{\"user_id\":\"first\",\"amount\":1,\"ts\":\"2024-05-01T09:50:00Z\"}"
                    .getBytes(StandardCharsets.UTF_8);

    /** Writes the lines into {@code objects} objects; returns how many lines can be records. */
    private static int writeObjects(Path bucket, List<byte[]> records, int objects)
            throws Exception {
        int lines = 0;
        int perObject = (records.size() + objects - 1) / objects;
        for (int o = 0; o < objects; o++) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            // a first line that is an object: a document starting with '[' is read as an array
            text.write(VALID);
            text.write('\n');
            lines++;
            for (int i = o * perObject; i < Math.min(records.size(), (o + 1) * perObject); i++) {
                byte[] record = records.get(i);
                if (record == null || new String(record, StandardCharsets.UTF_8).isBlank()) {
                    continue; // a blank line is no record in JSON Lines
                }
                text.write(record);
                text.write('\n');
                lines++;
            }
            Path events = bucket.resolve("events");
            Files.createDirectories(events);
            if (o % 2 == 0) {
                Files.write(events.resolve("part-" + o + ".jsonl"), text.toByteArray());
            } else {
                ByteArrayOutputStream gz = new ByteArrayOutputStream();
                try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                    out.write(text.toByteArray());
                }
                Files.write(events.resolve("part-" + o + ".jsonl.gz"), gz.toByteArray());
            }
        }
        return lines;
    }

    @Test
    void everyHostileLineEndsUpCountedAndTheJobNeverFails(@InjectClusterRESTAddress URI rest)
            throws Exception {
        int lines = writeObjects(stores.resolve("lake"), HostileInput.hostileRecords(7L, 2), 4);
        String prefix = LocalKafka.unique("hostile-s3") + ".";
        ThymeConf conf =
                LocalS3.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        Duration.ofMillis(500),
                        new S3Connection(
                                "store", stores.toUri().toString(), "us-east-1", true, "x", "y"));
        JobSpec spec =
                HostileInput.hostileSpec(
                        conf,
                        "kind: S3JsonSource, connection: store, bucket: lake, prefix: events/",
                        "every: 1s",
                        "max_lateness: 5m");
        JobClient job = TestJobs.start(conf, spec, 2, new Configuration());
        try {
            int[] counts = HostileInput.awaitEveryRecordAccountedFor(prefix + "Transaction", lines);
            assertThat(counts[1]).as("invalid rows").isGreaterThanOrEqualTo(2 * 20);
            HostileInput.assertOneOversizedEventInErrors(prefix + "Transaction", counts[1]);
            HostileInput.assertRunningWithoutTaskFailures(rest, job);
        } finally {
            job.cancel().get();
        }
    }
}
