package io.thyme.connectors.s3;

import io.thyme.bench.KafkaBench;
import io.thyme.bench.KafkaBench.Result;
import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalS3;
import io.thyme.testing.TestConf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code scripts/bench.sh s3}: N JSON lines in 10 gzip-compressed objects in a local directory (the
 * buckets of a {@code file:} endpoint) to Kafka, through S3JsonSource and the whole pipeline
 * (decode, watermarks, late filter, exactly-once sink), and through Flink's own FileSource
 * (continuous, TextLineInputFormat, gzip by extension) passing each line's bytes to the same kind
 * of exactly-once sink. Both read the same files at parallelism 1; three rounds in one JVM, the
 * order of the two jobs alternating; prints each round and the median ratio. Then S3JsonSource once
 * more through S3Proxy (SigV4 over loopback HTTP) for the cost of the object store.
 */
public final class S3Bench {
    private static final int OBJECTS = 10;
    private static final String BUCKET = "bench";

    private S3Bench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LocalKafka.requireRunning();
        Path root = Files.createTempDirectory("thyme-bench-objects");
        Path clicks = Files.createDirectories(root.resolve(BUCKET).resolve("clicks"));
        System.out.printf("Writing %,d JSON lines in %d gzip objects ...%n", rows, OBJECTS);
        List<byte[]> objects = objects(rows);
        for (int o = 0; o < objects.size(); o++) {
            Files.write(clicks.resolve("part-" + o + ".jsonl.gz"), objects.get(o));
        }
        S3Connection local = new S3Connection("store", root.toUri().toString(), "", false, "", "");
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            Result thyme;
            Result files;
            if (round % 2 == 1) {
                files = KafkaBench.run("Flink's FileSource", rows, () -> fileSourceJob(clicks));
                thyme = KafkaBench.run("thyme S3JsonSource", rows, () -> thymeJob(local, BUCKET));
            } else {
                thyme = KafkaBench.run("thyme S3JsonSource", rows, () -> thymeJob(local, BUCKET));
                files = KafkaBench.run("Flink's FileSource", rows, () -> fileSourceJob(clicks));
            }
            double ratio = thyme.rate() / files.rate();
            ratios.add(ratio);
            System.out.printf(
                    Locale.ROOT,
                    "%nround %d: Flink's FileSource %,.0f rows/s (peak RSS %d MB), thyme"
                            + " S3JsonSource %,.0f rows/s (peak RSS %d MB), ratio %.2fx%n%n",
                    round,
                    files.rate(),
                    files.peakMb(),
                    thyme.rate(),
                    thyme.peakMb(),
                    ratio);
        }
        if (LocalS3.isRunning()) {
            String bucket = LocalKafka.unique("bench").toLowerCase();
            LocalS3.createBucket(bucket);
            for (int o = 0; o < objects.size(); o++) {
                LocalS3.put(bucket, "clicks/part-" + o + ".jsonl.gz", objects.get(o));
            }
            Result viaS3 =
                    KafkaBench.run(
                            "thyme S3JsonSource via S3Proxy",
                            rows,
                            () -> thymeJob(LocalS3.connection("store"), bucket));
            System.out.printf(
                    Locale.ROOT,
                    "%nthyme S3JsonSource via S3Proxy: %,.0f rows/s, peak RSS %d MB%n",
                    viaS3.rate(),
                    viaS3.peakMb());
        }
        ratios.sort(Double::compare);
        System.out.printf(
                Locale.ROOT,
                "ratio: %.2fx Flink's FileSource (median of 3 rounds; target >= 1.0x)%n",
                ratios.get(1));
        System.exit(0);
    }

    private static List<byte[]> objects(int rows) {
        Instant start = Instant.now().minusSeconds(3600);
        int perObject = rows / OBJECTS;
        List<byte[]> objects = new ArrayList<>();
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
            objects.add(LocalS3.gzip(text.toString()));
        }
        return objects;
    }

    private static Object[] fileSourceJob(Path directory) throws Exception {
        String output = LocalKafka.unique("bench-files");
        LocalKafka.createTopic(output, 1);
        StreamExecutionEnvironment env = KafkaBench.environment();
        FileSource<String> source =
                FileSource.forRecordStreamFormat(
                                new TextLineInputFormat(),
                                new org.apache.flink.core.fs.Path(directory.toUri()))
                        .monitorContinuously(Duration.ofSeconds(1))
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "files")
                .map(
                        line -> line.getBytes(StandardCharsets.UTF_8),
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .sinkTo(KafkaBench.byteSink(output));
        return new Object[] {output, env.executeAsync("bench-file-source")};
    }

    private static Object[] thymeJob(S3Connection store, String bucket) throws Exception {
        String prefix = LocalKafka.unique("bench-s3") + ".";
        ThymeConf conf =
                TestConf.withS3(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        KafkaBench.CHECKPOINT_INTERVAL,
                        store);
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
