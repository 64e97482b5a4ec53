package io.thyme.connectors.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.testing.HostileInput;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalKinesis;
import io.thyme.testing.TestJobs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generated hostile records of {@link HostileInput} as Kinesis records in a stream of two
 * shards, read by KinesisSource at parallelism 2: every record ends up as an event, an invalid row
 * or a late event, and the job never fails a task.
 */
class HostileKinesisInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    @BeforeAll
    static void serversAreUp() {
        LocalKafka.requireRunning();
        LocalKinesis.requireRunning();
    }

    /**
     * The records Kinesis can carry: it has no null record, and refuses data over 1 MiB at the put,
     * so the 1.5 MB record becomes one within Kinesis' limit whose event (its 600 KB key repeated
     * in the value) is still too large for the sink.
     */
    static List<byte[]> kinesisRecords(long seed, int rounds) {
        List<byte[]> records = new ArrayList<>();
        for (byte[] record : HostileInput.hostileRecords(seed, rounds)) {
            if (record != null && record.length <= LocalKinesis.MAX_RECORD_BYTES) {
                records.add(record);
            }
        }
        String user = "k".repeat(600_000);
        records.add(
                ("{\"user_id\":\"" + user + "\",\"amount\":1,\"ts\":\"2024-05-01T10:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8));
        return records;
    }

    @Test
    void everyHostileRecordEndsUpCountedAndTheJobNeverFails(@InjectClusterRESTAddress URI rest)
            throws Exception {
        String stream = LocalKafka.unique("hostile");
        LocalKinesis.createStream(stream, 2);
        List<byte[]> records = kinesisRecords(20261202L, 3);
        LocalKinesis.putAll(stream, records);
        assertThat(LocalKinesis.shards(stream)).hasSize(2);

        String prefix = LocalKafka.unique("hostile-kin") + ".";
        ThymeConf conf =
                LocalKinesis.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        Duration.ofMillis(500),
                        LocalKinesis.connection("aws"));
        JobSpec spec =
                HostileInput.hostileSpec(
                        conf,
                        "kind: KinesisSource, connection: aws, stream: " + stream,
                        "max_lateness: 5m");
        JobClient job = TestJobs.start(conf, spec, 2, new Configuration());
        try {
            int[] counts =
                    HostileInput.awaitEveryRecordAccountedFor(
                            prefix + "Transaction", records.size());
            assertThat(counts[1]).as("invalid rows").isGreaterThanOrEqualTo(3 * 20);
            HostileInput.assertOneOversizedEventInErrors(prefix + "Transaction", counts[1]);
            HostileInput.assertRunningWithoutTaskFailures(rest, job);
        } finally {
            job.cancel().get();
        }
    }
}
