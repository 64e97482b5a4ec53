package io.thyme.connectors.postgres;

import io.thyme.bench.BenchJobs;
import io.thyme.bench.HeapMemory;
import io.thyme.bench.ProcessMemory;
import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code scripts/bench.sh postgres-heap [ROWS]}: the first poll of a ROWS-row table (default
 * 10,000,000, created when missing) through the real PostgresSource dataset job into the Kafka
 * sink, in a JVM whose whole heap is what bench.sh gives it (512 MB): the MiniCluster's JobManager
 * and TaskManager, the job and the counting consumer all share it, which is stricter than a
 * TaskManager's 512 MB heap. The job must not fail once (no restarts), and the dataset topic must
 * hold each id exactly once (a read_committed count). Prints whether it completed, the rows
 * published, the wall time, the peak heap (sampled, and after a collection) and the peak RSS.
 */
public final class PostgresHeapBench {
    private static final Duration LIMIT = Duration.ofMinutes(60);

    private PostgresHeapBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
        String table = "bench_" + rows;
        PostgresBench.createTableUnlessPresent(table, rows);
        System.out.printf(
                Locale.ROOT,
                "First poll of %s (%,d rows) by PostgresSource into Kafka; one JVM, max heap %d MB,"
                        + " no restarts allowed ...%n",
                table,
                rows,
                HeapMemory.maxMb());
        String prefix = LocalKafka.unique("bench-pg-heap") + ".";
        ThymeConf conf =
                LocalPostgres.conf(
                        LocalKafka.bootstrapServers(), prefix, BenchJobs.CHECKPOINT_INTERVAL);
        StreamExecutionEnvironment env = BenchJobs.environment();
        Configuration noRestarts = new Configuration();
        noRestarts.setString("restart-strategy.type", "none");
        env.configure(noRestarts);
        JobAssembler.assemble(env, List.of(PostgresBench.spec(conf, table)), conf);
        String failure = null;
        Count count;
        long millis;
        try (HeapMemory heap = new HeapMemory();
                ProcessMemory rss = new ProcessMemory()) {
            long start = System.nanoTime();
            JobClient job = env.executeAsync("bench-postgres-heap");
            count = countEachIdOnce(prefix + "Transaction", rows, job);
            millis = (System.nanoTime() - start) / 1_000_000;
            JobStatus status = job.getJobStatus().get();
            if (status != JobStatus.RUNNING) {
                failure = "the job is " + status + ": " + cause(job);
            } else {
                job.cancel().get();
            }
            System.out.printf(
                    Locale.ROOT,
                    "completed: %s%n"
                            + "rows published: %,d (distinct ids %,d of %,d; read_committed)%n"
                            + "wall time: %,d s (measured under contention)%n"
                            + "peak heap used: %,d MB sampled every 100 ms; %,d MB right after a"
                            + " collection (max heap %,d MB)%n"
                            + "peak RSS: %,d MB%n",
                    failure == null && count.records == rows && count.distinct == rows
                            ? "yes"
                            : "no" + (failure == null ? "" : " (" + failure + ")"),
                    count.records,
                    count.distinct,
                    rows,
                    millis / 1000,
                    heap.peakUsedMb(),
                    heap.peakAfterGcMb(),
                    HeapMemory.maxMb(),
                    rss.peakMb());
        }
        System.exit(failure == null && count.records == rows && count.distinct == rows ? 0 : 1);
    }

    private static String cause(JobClient job) {
        try {
            job.getJobExecutionResult().get();
            return "finished";
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause.toString();
        }
    }

    /** The records of a topic and the distinct ids among them (from each key, {"id":N}). */
    record Count(long records, long distinct) {}

    /**
     * Reads the topic (read_committed, 1 MB fetches so the consumer's own heap stays small) until
     * it holds {@code rows} distinct ids, the job stops running or the time limit passes, then 5 s
     * more to see nothing beyond them arrives.
     */
    private static Count countEachIdOnce(String topic, int rows, JobClient job) throws Exception {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", LocalKafka.bootstrapServers());
        props.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("group.id", LocalKafka.unique("bench-pg-heap-count"));
        props.setProperty("auto.offset.reset", "earliest");
        props.setProperty("fetch.max.bytes", "1048576");
        props.setProperty("max.partition.fetch.bytes", "1048576");
        BitSet ids = new BitSet(rows + 1);
        long records = 0;
        long distinct = 0;
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long settleEnd = Long.MAX_VALUE;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long lastStatus = 0;
            while (System.nanoTime() < Math.min(deadline, settleEnd)) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    int id = id(record.key());
                    if (!ids.get(id)) {
                        ids.set(id);
                        distinct++;
                    }
                }
                if (settleEnd == Long.MAX_VALUE && distinct >= rows) {
                    settleEnd = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                if (System.nanoTime() - lastStatus > Duration.ofSeconds(30).toNanos()) {
                    lastStatus = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  %,d records so far%n", records);
                    if (job.getJobStatus().get() != JobStatus.RUNNING) {
                        break;
                    }
                }
            }
        }
        return new Count(records, distinct);
    }

    private static int id(byte[] key) {
        String text = new String(key, StandardCharsets.UTF_8);
        return Integer.parseInt(text.replaceAll("[^0-9]", ""));
    }
}
