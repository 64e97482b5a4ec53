package io.thyme.connectors.iceberg;

import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.HostileInput;
import io.thyme.testing.LocalIceberg;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.TestJobs;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile rows through IcebergSource at parallelism 2: Iceberg rows are typed, so hostile
 * means each type's extremes, NaN and the infinities, timestamps and dates far outside years 1 to
 * 9999, nulls in non-Optional fields and in the key, and strings too large for the sink. One round
 * is in the table before the job starts (read as a whole snapshot), the others are appended while
 * it runs (read incrementally, through the cursor filter), each followed by a file of valid rows
 * only, which nothing before may prune or make late. Each row's fate is known when it is written:
 * the job must publish every valid row as an event (only rows at year 1 may be late), send every
 * invalid or oversized one to .errors, and never fail a task.
 */
class HostileIcebergInputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Instant BASE = Instant.parse("2024-05-01T10:00:00Z");
    private static final ZoneOffset UTC = ZoneOffset.UTC;
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, UTC);

    /** Every column optional, so nulls can be written; price has no dataset field. */
    static final Schema SCHEMA =
            new Schema(
                    Types.NestedField.optional(1, "user_id", Types.StringType.get()),
                    Types.NestedField.optional(2, "amount", Types.DoubleType.get()),
                    Types.NestedField.optional(3, "ts", Types.TimestampType.withZone()),
                    Types.NestedField.optional(4, "n", Types.LongType.get()),
                    Types.NestedField.optional(5, "small", Types.IntegerType.get()),
                    Types.NestedField.optional(6, "ratio", Types.FloatType.get()),
                    Types.NestedField.optional(7, "day", Types.DateType.get()),
                    Types.NestedField.optional(8, "flag", Types.BooleanType.get()),
                    Types.NestedField.optional(9, "note", Types.StringType.get()),
                    Types.NestedField.optional(10, "local", Types.TimestampType.withoutZone()),
                    Types.NestedField.optional(11, "price", Types.DecimalType.of(38, 9)));

    @TempDir Path warehouse;

    @BeforeAll
    static void kafkaIsUp() {
        LocalKafka.requireRunning();
    }

    /** What the job must make of a row: an event (or, for rows at year 1, late), or an error. */
    enum Fate {
        EVENT,
        EVENT_OR_LATE,
        INVALID,
        /** Invalid, and its payload too large for the sink: cut in .errors. */
        INVALID_CUT,
        OVERSIZED
    }

    record Written(Record row, Fate fate) {}

    private static OffsetDateTime micros(long micros) {
        return EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static Record valid(Random random, String user) {
        Record row = GenericRecord.create(SCHEMA);
        Instant ts = BASE.plusMillis(random.nextInt(1_200_000) - 600_000);
        row.setField("user_id", user);
        row.setField("amount", random.nextInt(100_000) / 100.0);
        row.setField("ts", OffsetDateTime.ofInstant(ts, UTC));
        row.setField("n", random.nextLong());
        row.setField("small", random.nextInt());
        row.setField("ratio", random.nextFloat());
        row.setField("day", LocalDate.of(2024, 5, 1).plusDays(random.nextInt(30)));
        row.setField("flag", random.nextBoolean());
        row.setField("note", random.nextBoolean() ? null : "note " + random.nextInt(10));
        row.setField("local", LocalDateTime.ofInstant(ts, UTC));
        row.setField("price", new BigDecimal(random.nextInt(1_000_000)).movePointLeft(9));
        return row;
    }

    private static void kind(
            List<Written> rows, Random random, Fate fate, Consumer<Record> hostile) {
        Record row = valid(random, "h" + random.nextInt(50));
        hostile.accept(row);
        rows.add(new Written(row, fate));
        for (int i = 0; i < 3; i++) {
            rows.add(new Written(valid(random, "u" + random.nextInt(50)), Fate.EVENT));
        }
    }

    /** One data file's rows: each hostile kind once, between valid rows; seeded. */
    static List<Written> hostileRows(Random random) {
        List<Written> rows = new ArrayList<>();
        Fate ok = Fate.EVENT;
        kind(rows, random, ok, r -> r.setField("n", Long.MIN_VALUE));
        kind(rows, random, ok, r -> r.setField("n", Long.MAX_VALUE));
        kind(rows, random, ok, r -> r.setField("small", Integer.MIN_VALUE));
        kind(rows, random, ok, r -> r.setField("small", Integer.MAX_VALUE));
        kind(rows, random, ok, r -> r.setField("amount", -0.0));
        kind(rows, random, ok, r -> r.setField("amount", Double.MIN_VALUE));
        kind(rows, random, ok, r -> r.setField("amount", Double.MAX_VALUE));
        kind(rows, random, ok, r -> r.setField("amount", -Double.MAX_VALUE));
        kind(rows, random, ok, r -> r.setField("ratio", Float.MAX_VALUE));
        kind(rows, random, ok, r -> r.setField("ratio", Float.MIN_VALUE));
        kind(rows, random, ok, r -> r.setField("ratio", -0.0f));
        kind(rows, random, ok, r -> r.setField("ts", micros(253402300799999999L))); // 9999-12-31
        kind(rows, random, ok, r -> r.setField("local", LocalDateTime.of(1, 1, 1, 0, 0)));
        kind(rows, random, ok, r -> r.setField("local", LocalDateTime.parse("9999-12-31T23:59")));
        kind(rows, random, ok, r -> r.setField("day", LocalDate.of(1, 1, 1)));
        kind(rows, random, ok, r -> r.setField("day", LocalDate.of(9999, 12, 31)));
        kind(rows, random, ok, r -> r.setField("note", ""));
        kind(
                rows,
                random,
                ok,
                r -> r.setField("note", "\u0000nul \ud800 lone \udc00 \ud83d\ude00"));
        kind(rows, random, ok, r -> r.setField("user_id", ""));
        kind(rows, random, ok, r -> r.setField("user_id", "\u0000\ud800"));
        kind(rows, random, ok, r -> r.setField("user_id", "k".repeat(300_000))); // 600 KB: fits
        kind(
                rows,
                random,
                ok,
                r -> r.setField("price", new BigDecimal("9".repeat(38)).scaleByPowerOfTen(-9)));
        kind(
                rows,
                random,
                Fate.EVENT_OR_LATE,
                r -> r.setField("ts", OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, UTC)));

        // the value (1.5 MB of note) is more than the sink's max.request.size
        kind(rows, random, Fate.OVERSIZED, r -> r.setField("note", "x".repeat(1_500_000)));

        Fate bad = Fate.INVALID;
        for (String field : List.of("user_id", "amount", "ts", "n", "small", "ratio", "day")) {
            kind(rows, random, bad, r -> r.setField(field, null));
        }
        kind(rows, random, bad, r -> r.setField("flag", null));
        kind(rows, random, bad, r -> r.setField("amount", Double.NaN));
        kind(rows, random, bad, r -> r.setField("amount", Double.POSITIVE_INFINITY));
        kind(rows, random, bad, r -> r.setField("amount", Double.NEGATIVE_INFINITY));
        kind(rows, random, bad, r -> r.setField("ratio", Float.NaN));
        kind(rows, random, bad, r -> r.setField("ratio", Float.NEGATIVE_INFINITY));
        kind(rows, random, bad, r -> r.setField("ts", micros(Long.MAX_VALUE)));
        kind(rows, random, bad, r -> r.setField("ts", micros(Long.MIN_VALUE)));
        kind(rows, random, bad, r -> r.setField("ts", micros(-62135596800000001L))); // year 0
        kind(rows, random, bad, r -> r.setField("ts", micros(253402300800000000L))); // year 10000
        kind(rows, random, bad, r -> r.setField("local", LocalDateTime.of(10_000, 1, 1, 0, 0)));
        kind(rows, random, bad, r -> r.setField("day", LocalDate.ofEpochDay(Integer.MAX_VALUE)));
        kind(rows, random, bad, r -> r.setField("day", LocalDate.ofEpochDay(Integer.MIN_VALUE)));
        kind(rows, random, bad, r -> r.setField("day", LocalDate.of(0, 12, 31)));
        kind(
                rows,
                random,
                Fate.INVALID_CUT,
                r -> {
                    r.setField("amount", Double.NaN);
                    r.setField("ts", null);
                    r.setField("user_id", "y".repeat(2_000_000)); // a 2 MB payload in .errors
                });
        return rows;
    }

    /**
     * A file whose every timestamp is nanoseconds written as microseconds (years around 56,000), as
     * a writer with a unit bug leaves it: all invalid, and no reason to hold back the rows after.
     */
    static List<Written> nanosAsMicros(Random random) {
        List<Written> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Record row = valid(random, "nanos" + i);
            Instant ts = ((OffsetDateTime) row.getField("ts")).toInstant();
            row.setField("ts", micros(ChronoUnit.NANOS.between(Instant.EPOCH, ts)));
            rows.add(new Written(row, Fate.INVALID));
        }
        return rows;
    }

    private static void append(Table table, List<Written> rows) {
        IcebergTableWriter.append(table, rows.stream().map(Written::row).toList());
    }

    private static long count(List<Written> rows, Fate... fates) {
        return rows.stream().filter(w -> List.of(fates).contains(w.fate())).count();
    }

    private static JobSpec spec(ThymeConf conf, String table) {
        return new SpecLoader(conf)
                .parse(
                        "hostile.yaml",
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Transaction",
                                "  fields:",
                                "    user_id: {type: str, key: true}",
                                "    amount: float",
                                "    ts: {type: datetime, timestamp: true}",
                                "    n: int",
                                "    small: int",
                                "    ratio: float",
                                "    day: date",
                                "    flag: bool",
                                "    note: Optional[str]",
                                "    local: Optional[datetime]",
                                "source:",
                                "  connector: {kind: IcebergSource, catalog: lake, database:"
                                        + " events, table: "
                                        + table
                                        + "}",
                                "  cursor: ts",
                                "  every: 1s",
                                "  max_lateness: 1h",
                                ""));
    }

    @Test
    void everyHostileRowEndsUpWhereItBelongsAndTheJobNeverFails(@InjectClusterRESTAddress URI rest)
            throws Exception {
        var catalog = LocalIceberg.hadoopCatalog("lake", warehouse);
        String name = LocalKafka.unique("hostile").replace('-', '_');
        Table table = LocalIceberg.create(catalog, "events", name, SCHEMA);
        String prefix = LocalKafka.unique("hostile-ice") + ".";
        ThymeConf conf =
                LocalIceberg.conf(
                        LocalKafka.bootstrapServers(), prefix, Duration.ofMillis(500), catalog);
        String topic = prefix + "Transaction";
        Random random = new Random(20261203L);

        List<Written> written = new ArrayList<>();
        List<Written> first = hostileRows(random);
        append(table, first);
        written.addAll(first);
        List<Written> nanos = nanosAsMicros(random);
        append(table, nanos);
        written.addAll(nanos);

        JobClient job = TestJobs.start(conf, spec(conf, name), 2, new Configuration());
        try {
            HostileInput.awaitEveryRecordAccountedFor(topic, written.size());
            for (int round = 0; round < 2; round++) {
                List<Written> more = hostileRows(random);
                append(table, more);
                written.addAll(more);
                // a file of valid rows only: behind the hostile rows' cursor values, on time
                List<Written> plain = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    plain.add(new Written(valid(random, "p" + i), Fate.EVENT));
                }
                append(table, plain);
                written.addAll(plain);
            }
            int[] counts = HostileInput.awaitEveryRecordAccountedFor(topic, written.size());

            assertThat(counts[1])
                    .as("errors: every invalid and every oversized row, nothing else")
                    .isEqualTo(count(written, Fate.INVALID, Fate.INVALID_CUT, Fate.OVERSIZED));
            assertThat(counts[0] + counts[2])
                    .as("events + late: every valid row")
                    .isEqualTo(count(written, Fate.EVENT, Fate.EVENT_OR_LATE));
            List<ConsumerRecord<byte[], byte[]>> late =
                    LocalKafka.readCommitted(
                            topic + ".late", counts[2], Duration.ofSeconds(10), Duration.ZERO);
            assertThat(late)
                    .as("late events: only rows at year 1 may be behind the watermark")
                    .allSatisfy(r -> assertThat(text(r.value())).contains("\"ts\":\"0001-01-01T"));
            assertThat(HostileInput.cutDownErrors(topic, counts[1]))
                    .as("oversized events and the 2 MB invalid row's payload, cut down")
                    .hasSize((int) count(written, Fate.OVERSIZED, Fate.INVALID_CUT));
            HostileInput.assertRunningWithoutTaskFailures(rest, job);
        } finally {
            job.cancel().get();
        }
    }
}
