package io.thyme.connectors.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thyme.bench.BenchJobs;
import io.thyme.bench.BenchJobs.Result;
import io.thyme.conf.ThymeConf;
import io.thyme.event.EventSchema;
import io.thyme.job.JobAssembler;
import io.thyme.sink.DatasetSinks;
import io.thyme.sink.DatasetTopics;
import io.thyme.sink.EventRecordSerializer;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Row;

/**
 * {@code scripts/bench.sh s3}: N JSON lines in 10 gzip-compressed objects in a local directory (the
 * buckets of a {@code file:} endpoint) to Kafka, through S3JsonSource and the whole pipeline
 * (decode, watermarks, late filter, exactly-once sink), and through Flink's own FileSource
 * (continuous, TextLineInputFormat, gzip by extension) passing each line's bytes to the same kind
 * of exactly-once sink. Both read the same files at parallelism 1, each job in a JVM of its own,
 * three rounds with the order of the two jobs alternating (scripts/bench.sh prints each round and
 * the median ratio). Then S3JsonSource once more through S3Proxy (SigV4 over loopback HTTP) for the
 * cost of the object store.
 */
public final class S3Bench {
    private static final int OBJECTS = 10;
    private static final String BUCKET = "bench";

    private S3Bench() {}

    /**
     * {@code write N} writes the objects into a new directory and prints {@code OBJECTS <dir>};
     * {@code run files|thyme DIR N} runs one job over them and prints {@code RESULT <job> <rows/s>
     * <peak RSS MB>}; {@code s3proxy DIR N} copies them into S3Proxy and reads them through
     * S3JsonSource once. scripts/bench.sh runs each job in a JVM of its own, in alternating order
     * (in one JVM, the job that ran second inherited the first's compiled code: 0.58x-1.07x in the
     * rounds of one run), and prints the rounds and the median.
     */
    public static void main(String[] args) throws Exception {
        LocalKafka.requireRunning();
        if (args.length == 2 && args[0].equals("write")) {
            int rows = Integer.parseInt(args[1]);
            Path root = Files.createTempDirectory("thyme-bench-objects");
            Path clicks = Files.createDirectories(root.resolve(BUCKET).resolve("clicks"));
            System.out.printf("Writing %,d JSON lines in %d gzip objects ...%n", rows, OBJECTS);
            List<byte[]> objects = objects(rows);
            for (int o = 0; o < objects.size(); o++) {
                Files.write(clicks.resolve("part-" + o + ".jsonl.gz"), objects.get(o));
            }
            System.out.println("OBJECTS " + root);
            System.exit(0);
        }
        if (args.length != 3 && args.length != 4) {
            throw new IllegalArgumentException(
                    "usage: S3Bench write N | run files|files-events|thyme DIR N | s3proxy DIR N");
        }
        Path root = Path.of(args[args.length - 2]);
        int rows = Integer.parseInt(args[args.length - 1]);
        Path clicks = root.resolve(BUCKET).resolve("clicks");
        if (args[0].equals("s3proxy")) {
            if (!LocalS3.isRunning()) {
                throw new IllegalStateException("S3Proxy is not running");
            }
            String bucket = LocalKafka.unique("bench").toLowerCase(Locale.ROOT);
            LocalS3.createBucket(bucket);
            try (var objects = Files.list(clicks)) {
                for (Path object : objects.sorted().toList()) {
                    LocalS3.put(
                            bucket, "clicks/" + object.getFileName(), Files.readAllBytes(object));
                }
            }
            Result viaS3 =
                    BenchJobs.run(
                            "thyme S3JsonSource via S3Proxy",
                            rows,
                            () -> thymeJob(LocalS3.connection("store"), bucket));
            System.out.printf(
                    Locale.ROOT,
                    "%nthyme S3JsonSource via S3Proxy: %,.0f rows/s, peak RSS %d MB%n",
                    viaS3.rate(),
                    viaS3.peakMb());
            System.exit(0);
        }
        String job = args[1];
        S3Connection local = new S3Connection("store", root.toUri().toString(), "", false, "", "");
        Result result =
                switch (job) {
                    case "files" -> BenchJobs.run(job, rows, () -> fileSourceJob(clicks));
                    case "files-events" ->
                            BenchJobs.run(job, rows, () -> fileEventsJob(root, clicks));
                    case "thyme" -> BenchJobs.run(job, rows, () -> thymeJob(local, BUCKET));
                    default -> throw new IllegalArgumentException("unknown job " + job);
                };
        System.out.printf(Locale.ROOT, "RESULT %s %.0f %d%n", job, result.rate(), result.peakMb());
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
        StreamExecutionEnvironment env = BenchJobs.environment();
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
                .sinkTo(BenchJobs.byteSink(output));
        return new Object[] {output, env.executeAsync("bench-file-source")};
    }

    /** The Click dataset read from {@code bucket}'s clicks/ through {@code store}. */
    private static JobSpec clickSpec(ThymeConf conf, String bucket) {
        return new SpecLoader(conf)
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
                                "  connector: {kind: S3JsonSource, connection: store, bucket: "
                                        + bucket
                                        + ", prefix: clicks/}",
                                "  every: 1s",
                                "  max_lateness: 1h",
                                ""));
    }

    /**
     * The second baseline: Flink's FileSource, each line made an event as a DataStream user would
     * (Jackson's tree, {@code Instant.parse}), written by Thyme's own event serializer and sink:
     * the same output as the Thyme job (key, value, header), so the two differ only in the source
     * and its decoding.
     */
    private static Object[] fileEventsJob(Path root, Path directory) throws Exception {
        String prefix = LocalKafka.unique("bench-files-events") + ".";
        ThymeConf conf =
                LocalS3.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        BenchJobs.CHECKPOINT_INTERVAL,
                        new S3Connection("store", root.toUri().toString(), "", false, "", ""));
        JobSpec spec = clickSpec(conf, BUCKET);
        EventSchema schema = new EventSchema(spec.dataset());
        DatasetTopics topics = DatasetTopics.of(conf.sink(), spec);
        LocalKafka.createTopic(topics.events(), 1);
        DatasetSinks sinks =
                new DatasetSinks(conf, spec.dataset().name(), BenchJobs.CHECKPOINT_INTERVAL);
        StreamExecutionEnvironment env = BenchJobs.environment();
        FileSource<String> source =
                FileSource.forRecordStreamFormat(
                                new TextLineInputFormat(),
                                new org.apache.flink.core.fs.Path(directory.toUri()))
                        .monitorContinuously(Duration.ofSeconds(1))
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "files")
                .map(new ClickRows(), schema.rowType())
                .sinkTo(
                        sinks.sink(
                                new EventRecordSerializer(
                                        topics.events(), schema, sinks.sizeLimit(topics.errors())),
                                "events"));
        return new Object[] {topics.events(), env.executeAsync("bench-file-events")};
    }

    /** A line of the bench's objects as a Click event, with Jackson's tree. */
    static final class ClickRows implements MapFunction<String, Row> {
        private static final long serialVersionUID = 1L;
        private transient ObjectMapper json;

        @Override
        public Row map(String line) throws Exception {
            if (json == null) {
                json = new ObjectMapper();
            }
            JsonNode node = json.readTree(line);
            return Row.of(
                    node.get("id").asText(),
                    node.get("page").asText(),
                    Instant.parse(node.get("ts").asText()));
        }
    }

    private static Object[] thymeJob(S3Connection store, String bucket) throws Exception {
        String prefix = LocalKafka.unique("bench-s3") + ".";
        ThymeConf conf =
                LocalS3.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        BenchJobs.CHECKPOINT_INTERVAL,
                        store);
        StreamExecutionEnvironment env = BenchJobs.environment();
        JobAssembler.assemble(env, List.of(clickSpec(conf, bucket)), conf);
        return new Object[] {prefix + "Click", env.executeAsync("bench-thyme-s3")};
    }
}
