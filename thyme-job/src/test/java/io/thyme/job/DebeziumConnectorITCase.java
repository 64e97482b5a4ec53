package io.thyme.job;

import static io.thyme.testing.LocalKafka.headers;
import static io.thyme.testing.LocalKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.s3.S3Connection;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.AccountsTable;
import io.thyme.testing.LocalDebezium;
import io.thyme.testing.LocalKafka;
import io.thyme.testing.LocalKinesis;
import io.thyme.testing.LocalPostgres;
import io.thyme.testing.LocalS3;
import io.thyme.testing.TestConf;
import io.thyme.testing.TestJobs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * cdc debezium against what the real Debezium writes: Debezium 3.6.1's Postgres connector (embedded
 * engine, Kafka Connect's JSON converter) captures a table of the real PostgreSQL, its records are
 * produced to the real broker as a Kafka Connect worker would (JSON key and value), and a
 * KafkaSource dataset with cdc debezium on a MiniCluster reads that topic: the snapshot, then an
 * UPDATE, a DELETE and an INSERT, every value compared with the database's.
 */
class DebeziumConnectorITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);

    /** Debezium settings under test, and what they change in the dataset and the values. */
    enum Settings {
        DEFAULTS(Map.of(), false, false, true),
        DECIMAL_DOUBLE(Map.of("decimal.handling.mode", "double"), true, false, true),
        DECIMAL_STRING(Map.of("decimal.handling.mode", "string"), false, false, true),
        TIME_CONNECT(Map.of("time.precision.mode", "connect"), false, true, true),
        NO_SCHEMAS_STRING_CONNECT(
                Map.of(
                        "converter.schemas.enable", "false",
                        "decimal.handling.mode", "string",
                        "time.precision.mode", "connect"),
                false,
                true,
                false);

        final Map<String, String> debezium;
        final boolean priceIsFloat;
        final boolean millis;
        final boolean timeOfDay;

        Settings(
                Map<String, String> debezium,
                boolean priceIsFloat,
                boolean millis,
                boolean timeOfDay) {
            this.debezium = debezium;
            this.priceIsFloat = priceIsFloat;
            this.millis = millis;
            this.timeOfDay = timeOfDay;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<LocalDebezium.Record> written =
            Collections.synchronizedList(new ArrayList<>());
    private String table;
    private String input;
    private String prefix;
    private ThymeConf conf;
    private KafkaProducer<String, String> producer;
    private LocalDebezium debezium;

    @BeforeAll
    static void serversAreUp() {
        LocalKafka.requireRunning();
        LocalPostgres.requireRunning();
    }

    @BeforeEach
    void createTableAndTopic() throws Exception {
        table = LocalKafka.unique("dbz_accounts").replace('-', '_');
        input = LocalKafka.unique("dbz-connect");
        prefix = LocalKafka.unique("dbz-real") + ".";
        conf =
                TestConf.sinkingTo(
                        LocalKafka.bootstrapServers(), prefix, prefix, Duration.ofMillis(500));
        LocalKafka.createTopic(input, 1);
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", LocalKafka.bootstrapServers());
        props.setProperty("key.serializer", StringSerializer.class.getName());
        props.setProperty("value.serializer", StringSerializer.class.getName());
        props.setProperty("enable.idempotence", "true");
        producer = new KafkaProducer<>(props);
        AccountsTable.create(table);
    }

    @AfterEach
    void dropEverything(org.junit.jupiter.api.TestInfo test) throws Exception {
        if (debezium != null) {
            debezium.close();
        }
        keepWhatDebeziumWrote(test.getDisplayName());
        producer.close();
        // slot.drop.on.stop drops it; this is for an engine that died first.
        await("the replication slot " + table + " let go")
                .atMost(Duration.ofSeconds(30))
                .until(() -> !slotIsActive());
        LocalPostgres.execute(
                "select pg_drop_replication_slot(slot_name) from pg_replication_slots"
                        + " where slot_name = '"
                        + table
                        + "'",
                "drop publication if exists " + table + "_pub",
                "drop table if exists " + table);
    }

    /**
     * thyme-job/target/debezium-records/<test>.jsonl: each record as topic, key and value, to look
     * at.
     */
    private void keepWhatDebeziumWrote(String test) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("thyme-job/target", "debezium-records");
        java.nio.file.Files.createDirectories(dir);
        StringBuilder lines = new StringBuilder();
        synchronized (written) {
            for (LocalDebezium.Record record : written) {
                lines.append(json.writeValueAsString(record)).append('\n');
            }
        }
        java.nio.file.Files.writeString(
                dir.resolve(test.replaceAll("[^A-Za-z0-9_-]+", "_") + ".jsonl"), lines);
    }

    private boolean slotIsActive() throws Exception {
        try (Connection connection = LocalPostgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "select 1 from pg_replication_slots where active and slot_name = '"
                                        + table
                                        + "'")) {
            return rows.next();
        }
    }

    /** Starts Debezium; every record it writes, whatever its topic, goes to the input topic. */
    private void startDebezium(Map<String, String> settings) {
        debezium =
                LocalDebezium.postgres(
                        table,
                        table,
                        table,
                        settings,
                        record -> {
                            try {
                                producer.send(
                                                new ProducerRecord<>(
                                                        input, 0, record.key(), record.value()))
                                        .get();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            written.add(record);
                        });
    }

    private void awaitWritten(String what, Predicate<List<LocalDebezium.Record>> done) {
        await(what)
                .atMost(WAIT)
                .failFast("Debezium's engine failed", () -> debezium.failure() != null)
                .until(
                        () -> {
                            synchronized (written) {
                                return done.test(written);
                            }
                        });
    }

    private long tableRecords() {
        synchronized (written) {
            return written.stream().filter(r -> r.topic().endsWith("." + table)).count();
        }
    }

    private JobClient startJob(Settings settings) throws Exception {
        return startJob(AccountsTable.fields(settings.priceIsFloat, settings.timeOfDay));
    }

    private JobClient startJob(String fields) throws Exception {
        return startJob(
                conf, fields, "{kind: KafkaSource, cluster: local, topic: " + input + "}", "");
    }

    private static JobClient startJob(ThymeConf conf, String fields, String connector, String every)
            throws Exception {
        JobSpec spec =
                new SpecLoader(conf)
                        .parse(
                                "accounts.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: Account",
                                        "  fields:",
                                        fields,
                                        "source:",
                                        "  connector: " + connector,
                                        every,
                                        "  max_lateness: 36500d",
                                        "  cdc: debezium",
                                        ""));
        return TestJobs.start(conf, spec);
    }

    private Map<String, Object> expected(long id, Settings settings) throws Exception {
        return AccountsTable.row(
                table, id, settings.priceIsFloat, settings.millis, settings.timeOfDay);
    }

    /** The dataset topic holds the expected rows (null: a tombstone) and .errors nothing. */
    private void assertPublished(List<Map<String, Object>> expected, Settings settings)
            throws Exception {
        List<ConsumerRecord<byte[], byte[]>> events =
                LocalKafka.readCommitted(prefix + "Account", 6, WAIT, Duration.ofSeconds(2));
        List<ConsumerRecord<byte[], byte[]>> errors =
                LocalKafka.readCommitted(
                        prefix + "Account.errors", 0, Duration.ZERO, Duration.ofSeconds(1));
        assertThat(errors)
                .as("nothing refused with %s", settings)
                .extracting(r -> headers(r).get("thyme.reason"))
                .isEmpty();
        assertThat(events)
                .extracting(r -> headers(r).get("thyme.change"))
                .containsExactly("insert", "insert", "insert", "update", "delete", "insert");
        assertThat(events)
                .extracting(r -> text(r.key()))
                .containsExactly(
                        "{\"id\":1}",
                        "{\"id\":2}",
                        "{\"id\":3}",
                        "{\"id\":2}",
                        "{\"id\":3}",
                        "{\"id\":4}");
        for (int i = 0; i < events.size(); i++) {
            if (expected.get(i) == null) {
                assertThat(events.get(i).value()).as("the delete is a tombstone").isNull();
            } else {
                assertThat(AccountsTable.published(events.get(i).value()))
                        .as("event %d with %s: %s", i, settings, text(events.get(i).value()))
                        .isEqualTo(expected.get(i));
            }
        }
        assertThat(events.get(4).timestamp())
                .as("the delete's event time is the deleted row's 'at'")
                .isEqualTo(AccountsTable.DELETED_AT.toEpochMilli());
    }

    @ParameterizedTest
    @EnumSource(Settings.class)
    void snapshotUpdateDeleteAndInsertArriveWithTheDatabasesValues(Settings settings)
            throws Exception {
        startDebezium(settings.debezium);
        awaitWritten("Debezium's snapshot of 3 rows", r -> tableRecords() >= 3);
        List<Map<String, Object>> expected = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            expected.add(expected(id, settings));
        }
        JobClient job = startJob(settings);
        try {
            AccountsTable.change(table);
            expected.add(expected(2, settings));
            expected.add(null);
            expected.add(expected(4, settings));
            // update, delete and its tombstone, insert
            awaitWritten("Debezium's 4 change records", r -> tableRecords() >= 7);

            assertPublished(expected, settings);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void theSameRecordsAsJsonLinesThroughS3JsonSource(@TempDir Path store) throws Exception {
        startDebezium(Map.of());
        awaitWritten("Debezium's snapshot of 3 rows", r -> tableRecords() >= 3);
        List<Map<String, Object>> expected = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            expected.add(expected(id, Settings.DEFAULTS));
        }
        AccountsTable.change(table);
        expected.add(expected(2, Settings.DEFAULTS));
        expected.add(null);
        expected.add(expected(4, Settings.DEFAULTS));
        awaitWritten("Debezium's 4 change records", r -> tableRecords() >= 7);
        // Each value a line (a file cannot hold Kafka's tombstones), written whole, then moved
        // into the pattern's sight.
        StringBuilder lines = new StringBuilder();
        synchronized (written) {
            written.stream()
                    .filter(r -> r.value() != null)
                    .forEach(r -> lines.append(r.value()).append('\n'));
        }
        Path objects = Files.createDirectories(store.resolve("debezium").resolve("changes"));
        Files.writeString(objects.resolve("part-0.tmp"), lines);
        Files.move(
                objects.resolve("part-0.tmp"),
                objects.resolve("part-0.jsonl"),
                StandardCopyOption.ATOMIC_MOVE);
        ThymeConf s3 =
                LocalS3.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        Duration.ofMillis(500),
                        new S3Connection("store", store.toUri().toString(), "", false, "", ""));
        JobClient job =
                startJob(
                        s3,
                        AccountsTable.fields(false, true),
                        "{kind: S3JsonSource, connection: store, bucket: debezium, prefix:"
                                + " changes/, path_pattern: '*.jsonl'}",
                        "  every: 1s");
        try {
            assertPublished(expected, Settings.DEFAULTS);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void theSameRecordsThroughKinesisSource() throws Exception {
        io.thyme.testing.LocalKinesis.requireRunning();
        startDebezium(Map.of());
        awaitWritten("Debezium's snapshot of 3 rows", r -> tableRecords() >= 3);
        List<Map<String, Object>> expected = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            expected.add(expected(id, Settings.DEFAULTS));
        }
        AccountsTable.change(table);
        expected.add(expected(2, Settings.DEFAULTS));
        expected.add(null);
        expected.add(expected(4, Settings.DEFAULTS));
        awaitWritten("Debezium's 4 change records", r -> tableRecords() >= 7);
        // Kinesis has no tombstones either: each value a record, the row's key its partition key
        String stream = LocalKafka.unique("dbz-stream");
        io.thyme.testing.LocalKinesis.createStream(stream, 1);
        synchronized (written) {
            written.stream()
                    .filter(r -> r.value() != null && r.topic().endsWith(table))
                    .forEach(
                            r ->
                                    io.thyme.testing.LocalKinesis.put(
                                            stream, String.valueOf(r.key()), r.value()));
        }
        ThymeConf kinesis =
                LocalKinesis.conf(
                        LocalKafka.bootstrapServers(),
                        prefix,
                        Duration.ofMillis(500),
                        io.thyme.testing.LocalKinesis.connection("aws"));
        JobClient job =
                startJob(
                        kinesis,
                        AccountsTable.fields(false, true),
                        "{kind: KinesisSource, connection: aws, stream: " + stream + "}",
                        "");
        try {
            assertPublished(expected, Settings.DEFAULTS);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void withoutSchemasDefaultDecimalsAndTimestampsGoToErrorsNamingTheSettingThatFixesThem()
            throws Exception {
        startDebezium(Map.of("converter.schemas.enable", "false"));
        awaitWritten("Debezium's snapshot of 3 rows", r -> tableRecords() >= 3);
        AccountsTable.change(table);
        awaitWritten("Debezium's 4 change records", r -> tableRecords() >= 7);
        JobClient job =
                startJob(
                        String.join(
                                "\n",
                                "    id: {type: int, key: true}",
                                "    name: str",
                                "    amount: float",
                                "    seen: Optional[datetime]",
                                "    at: {type: datetime, timestamp: true}"));
        try {
            List<ConsumerRecord<byte[], byte[]>> errors =
                    LocalKafka.readCommitted(
                            prefix + "Account.errors", 6, WAIT, Duration.ofSeconds(2));
            assertThat(errors).hasSize(6);
            assertThat(errors)
                    .extracting(r -> headers(r).get("thyme.reason"))
                    .allSatisfy(
                            reason ->
                                    assertThat(reason)
                                            .contains("field 'amount'")
                                            .contains("looks like base64")
                                            .contains("value.converter.schemas.enable=true")
                                            .contains("decimal.handling.mode=double or string"));
            assertThat(headers(errors.get(0)).get("thyme.reason"))
                    .as("row 1's timestamp column is epoch microseconds")
                    .contains("field 'seen'")
                    .contains("time.precision.mode=connect");
            assertThat(
                            LocalKafka.readCommitted(
                                    prefix + "Account", 0, Duration.ZERO, Duration.ofSeconds(1)))
                    .isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void truncatesMessagesTransactionMetadataAndHeartbeatsAreSkippedAndCounted(
            @InjectClusterRESTAddress URI rest) throws Exception {
        startDebezium(
                Map.of(
                        "skipped.operations", "none",
                        "provide.transaction.metadata", "true",
                        "heartbeat.interval.ms", "200"));
        awaitWritten("Debezium's snapshot of 3 rows", r -> tableRecords() >= 3);
        JobClient job = startJob(Settings.DEFAULTS);
        try {
            LocalPostgres.execute(
                    "truncate " + table,
                    "select pg_logical_emit_message(true, 'thyme', 'not a row')",
                    "insert into "
                            + table
                            + " values (5, 'eve', 1, null, null, null, '2024-05-04 00:00:00+00',"
                            + " null, true, 1, 1, null)");
            awaitWritten(
                    "a truncate, a message, transaction metadata, a heartbeat and the insert",
                    r ->
                            has(r, "\"op\":\"t\"")
                                    && has(r, "\"op\":\"m\"")
                                    && has(r, "\"status\":\"END\"")
                                    && r.stream().anyMatch(x -> x.topic().contains("heartbeat"))
                                    && has(r, "\"op\":\"c\""));
            List<ConsumerRecord<byte[], byte[]>> events =
                    LocalKafka.readCommitted(prefix + "Account", 4, WAIT, Duration.ofSeconds(2));
            assertThat(events)
                    .extracting(r -> text(r.key()))
                    .containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":3}", "{\"id\":5}");
            assertThat(
                            LocalKafka.readCommitted(
                                    prefix + "Account.errors",
                                    0,
                                    Duration.ZERO,
                                    Duration.ofSeconds(1)))
                    .extracting(r -> headers(r).get("thyme.reason"))
                    .isEmpty();
            FlinkRest ui = new FlinkRest(rest);
            for (String metric :
                    List.of(
                            "numDebeziumTruncatesSkipped",
                            "numDebeziumMessagesSkipped",
                            "numDebeziumTransactionRecordsSkipped",
                            "numDebeziumHeartbeatsSkipped")) {
                await(metric + " in the Flink UI")
                        .atMost(Duration.ofSeconds(30))
                        .untilAsserted(
                                () ->
                                        assertThat(
                                                        ui.operatorMetric(
                                                                job.getJobID(),
                                                                "KafkaSource",
                                                                metric))
                                                .hasValueSatisfying(
                                                        n -> assertThat(n).isPositive()));
            }
        } finally {
            job.cancel().get();
        }
    }

    private static boolean has(List<LocalDebezium.Record> records, String text) {
        return records.stream().anyMatch(r -> r.value() != null && r.value().contains(text));
    }
}
