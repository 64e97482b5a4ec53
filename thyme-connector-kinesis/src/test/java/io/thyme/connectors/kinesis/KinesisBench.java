package io.thyme.connectors.kinesis;

import io.thyme.bench.BenchJobs;
import io.thyme.bench.BenchJobs.Result;
import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalKinesis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * {@code scripts/bench.sh kinesis}: N JSON records in a 4-shard stream on kinesalite to Kafka
 * through KinesisSource and the whole pipeline (parallelism 1, exactly-once sink).
 */
public final class KinesisBench {
    private KinesisBench() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        LocalKafka.requireRunning();
        LocalKinesis.requireRunning();
        String stream = LocalKafka.unique("bench");
        LocalKinesis.createStream(stream, 4);
        System.out.printf("Putting %,d records into 4 shards ...%n", records);
        Instant start = Instant.now().minusSeconds(3600);
        try (KinesisClient kinesis = LocalKinesis.client()) {
            List<PutRecordsRequestEntry> batch = new ArrayList<>(500);
            for (int n = 0; n < records; n++) {
                String json =
                        String.format(
                                Locale.ROOT,
                                "{\"id\":\"r%d\",\"seq\":%d,\"ts\":\"%s\"}",
                                n % 10_000,
                                n,
                                start.plusMillis(n / 100));
                batch.add(
                        PutRecordsRequestEntry.builder()
                                .partitionKey("r" + (n % 10_000))
                                .data(SdkBytes.fromUtf8String(json))
                                .build());
                if (batch.size() == 500 || n == records - 1) {
                    List<PutRecordsRequestEntry> entries = List.copyOf(batch);
                    kinesis.putRecords(b -> b.streamName(stream).records(entries));
                    batch.clear();
                }
            }
        }
        Result thyme = BenchJobs.run("thyme KinesisSource", records, () -> job(stream));
        System.out.printf(
                Locale.ROOT,
                "%nthyme KinesisSource: %,.0f records/s, peak RSS %d MB%n",
                thyme.rate(),
                thyme.peakMb());
        System.exit(0);
    }

    private static Object[] job(String stream) throws Exception {
        String prefix = LocalKafka.unique("bench-kinesis") + ".";
        ThymeConf conf =
                LocalKinesis.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        BenchJobs.CHECKPOINT_INTERVAL,
                        LocalKinesis.connection("aws"));
        StreamExecutionEnvironment env = BenchJobs.environment();
        JobAssembler.assemble(
                env, List.of(LocalKinesis.readingsSpec(conf, stream, "1h", "append")), conf);
        return new Object[] {prefix + "Reading", env.executeAsync("bench-thyme-kinesis")};
    }
}
