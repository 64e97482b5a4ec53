package io.thyme.testing;

import static org.awaitility.Awaitility.await;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.kinesis.KinesisClients;
import io.thyme.connectors.kinesis.KinesisConnection;
import io.thyme.connectors.kinesis.KinesisConnections;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** The kinesalite that scripts/kinesalite.sh runs on 127.0.0.1 (port from THYME_KINESIS_PORT). */
public final class LocalKinesis {
    private LocalKinesis() {}

    /** A conf sinking to the broker at {@code bootstrapServers} with one Kinesis account. */
    public static ThymeConf conf(
            String bootstrapServers,
            String topicPrefix,
            Duration checkpointInterval,
            KinesisConnection account) {
        return TestConf.sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval)
                .withConnections(KinesisConnections.SECTION, Map.of(account.name(), account));
    }

    public static String endpoint() {
        return "http://127.0.0.1:" + System.getenv().getOrDefault("THYME_KINESIS_PORT", "14567");
    }

    public static KinesisConnection connection(String name) {
        return new KinesisConnection(
                name, endpoint(), "us-east-1", "thyme-test", "thyme-test-secret");
    }

    public static void requireRunning() {
        URI uri = URI.create(endpoint());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
        } catch (IOException e) {
            Assertions.fail(
                    "no kinesalite at %s; start one with scripts/kinesalite.sh start (or run"
                            + " scripts/test.sh, which does)",
                    endpoint());
        }
    }

    public static KinesisClient client() {
        return KinesisClients.create(connection("test"));
    }

    public static void createStream(String stream, int shards) {
        try (KinesisClient kinesis = client()) {
            kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
            awaitActive(kinesis, stream);
        }
    }

    public static void put(String stream, String partitionKey, String json) {
        try (KinesisClient kinesis = client()) {
            kinesis.putRecord(
                    b ->
                            b.streamName(stream)
                                    .partitionKey(partitionKey)
                                    .data(SdkBytes.fromUtf8String(json)));
        }
    }

    /** The largest data blob Kinesis (and kinesalite) accepts in one record: 1 MiB. */
    public static final int MAX_RECORD_BYTES = 1_048_576;

    /**
     * Puts the records in order with PutRecords (at most 500 records and 4 MB a call), record
     * {@code i} under partition key {@code p<i>} so they spread over the shards; fails the test if
     * the stream refuses any of them.
     */
    public static void putAll(String stream, List<byte[]> records) {
        List<String> keys = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            keys.add("p" + i);
        }
        putAll(stream, keys, records);
    }

    /**
     * Puts the records in order with PutRecords, record {@code i} under partition key {@code
     * partitionKeys.get(i)}; fails the test if the stream refuses any of them.
     */
    public static void putAll(String stream, List<String> partitionKeys, List<byte[]> records) {
        try (KinesisClient kinesis = client()) {
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < records.size(); i++) {
                byte[] data = records.get(i);
                if (!batch.isEmpty() && (batch.size() == 500 || bytes + data.length > 4_000_000)) {
                    putBatch(kinesis, stream, batch);
                    batch.clear();
                    bytes = 0;
                }
                batch.add(
                        PutRecordsRequestEntry.builder()
                                .partitionKey(partitionKeys.get(i))
                                .data(SdkBytes.fromByteArray(data))
                                .build());
                bytes += data.length;
            }
            if (!batch.isEmpty()) {
                putBatch(kinesis, stream, batch);
            }
        }
    }

    private static void putBatch(
            KinesisClient kinesis, String stream, List<PutRecordsRequestEntry> batch) {
        PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(batch));
        Assertions.assertThat(response.failedRecordCount())
                .as("records %s refused: %s", stream, response.records())
                .isZero();
    }

    public static List<Shard> shards(String stream) {
        try (KinesisClient kinesis = client()) {
            return kinesis.listShards(b -> b.streamName(stream)).shards();
        }
    }

    /**
     * Splits the shard in the middle of its hash key range and waits until the stream is active.
     */
    public static void split(String stream, Shard shard) {
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
        try (KinesisClient kinesis = client()) {
            kinesis.splitShard(
                    b ->
                            b.streamName(stream)
                                    .shardToSplit(shard.shardId())
                                    .newStartingHashKey(start.add(end).shiftRight(1).toString()));
            awaitActive(kinesis, stream);
        }
    }

    /** Merges two adjacent shards and waits until the stream is active. */
    public static void merge(String stream, Shard shard, Shard adjacent) {
        try (KinesisClient kinesis = client()) {
            kinesis.mergeShards(
                    b ->
                            b.streamName(stream)
                                    .shardToMerge(shard.shardId())
                                    .adjacentShardToMerge(adjacent.shardId()));
            awaitActive(kinesis, stream);
        }
    }

    private static void awaitActive(KinesisClient kinesis, String stream) {
        await("stream " + stream + " ACTIVE")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                kinesis.describeStreamSummary(b -> b.streamName(stream))
                                                .streamDescriptionSummary()
                                                .streamStatus()
                                        == StreamStatus.ACTIVE);
    }

    /**
     * The Reading dataset (id key, seq, ts) of the Kinesis tests, from {@code stream} of the
     * connection {@code aws}, {@code maxLateness} behind, in {@code cdc} mode.
     */
    public static JobSpec readingsSpec(
            ThymeConf conf, String stream, String maxLateness, String cdc) {
        return new SpecLoader(conf)
                .parse(
                        "readings.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Reading",
                                "  fields:",
                                "    id: {type: str, key: true}",
                                "    seq: int",
                                "    ts: {type: datetime, timestamp: true}",
                                "source:",
                                "  connector: {kind: KinesisSource, connection: aws, stream: "
                                        + stream
                                        + "}",
                                "  max_lateness: " + maxLateness,
                                "  cdc: " + cdc,
                                ""));
    }
}
