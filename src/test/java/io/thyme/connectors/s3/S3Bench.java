package io.thyme.connectors.s3;

import io.thyme.bench.KafkaBench;
import io.thyme.bench.KafkaBench.Result;
import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalS3;
import io.thyme.testing.TestConf;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code scripts/bench.sh s3}: N JSON lines in 10 gzip-compressed objects on S3Proxy to Kafka
 * through S3JsonSource and the whole pipeline (parallelism 1, exactly-once sink).
 */
public final class S3Bench {
    private static final int OBJECTS = 10;

    private S3Bench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LocalKafka.requireRunning();
        LocalS3.requireRunning();
        String bucket = LocalKafka.unique("bench").toLowerCase();
        LocalS3.createBucket(bucket);
        System.out.printf("Writing %,d JSON lines in %d gzip objects ...%n", rows, OBJECTS);
        Instant start = Instant.now().minusSeconds(3600);
        int perObject = rows / OBJECTS;
        for (int o = 0; o < OBJECTS; o++) {
            StringBuilder text = new StringBuilder(perObject * 90);
            for (int i = 0; i < perObject; i++) {
                long n = (long) o * perObject + i;
                text.append(
                        String.format(
                                Locale.ROOT,
                                "{\"id\":\"c%d\",\"page\":\"/p/%d\",\"ts\":\"%s\"}%n",
                                n,
                                n % 1000,
                                start.plusMillis(n / 1000)));
            }
            LocalS3.put(bucket, "clicks/part-" + o + ".jsonl.gz", LocalS3.gzip(text.toString()));
        }
        Result thyme = KafkaBench.run("thyme S3JsonSource", rows, () -> job(bucket));
        System.out.printf(
                Locale.ROOT,
                "%nthyme S3JsonSource: %,.0f rows/s, peak RSS %d MB%n",
                thyme.rate(),
                thyme.peakMb());
        System.exit(0);
    }

    private static Object[] job(String bucket) throws Exception {
        String prefix = LocalKafka.unique("bench-s3") + ".";
        ThymeConf conf =
                TestConf.withS3(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        KafkaBench.CHECKPOINT_INTERVAL,
                        LocalS3.connection("store"));
        StreamExecutionEnvironment env = KafkaBench.environment();
        JobAssembler.assemble(
                env,
                List.of(
                        new SpecLoader(conf)
                                .parse(
                                        "bench.yaml",
                                        String.join(
                                                "\n",
                                                "dataset:",
                                                "  name: Click",
                                                "  fields:",
                                                "    id: {type: str, key: true}",
                                                "    page: str",
                                                "    ts: {type: datetime, timestamp: true}",
                                                "source:",
                                                "  connector: {kind: S3JsonSource, connection:"
                                                        + " store, bucket: "
                                                        + bucket
                                                        + ", prefix: clicks/}",
                                                "  every: 1s",
                                                "  max_lateness: 1h",
                                                ""))),
                conf);
        return new Object[] {prefix + "Click", env.executeAsync("bench-thyme-s3")};
    }
}
