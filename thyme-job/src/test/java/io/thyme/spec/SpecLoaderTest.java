package io.thyme.spec;

import static io.thyme.testing.SpecCases.bad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.testing.SpecCases;
import io.thyme.testing.TestConf;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

public class SpecLoaderTest {
    /** The user guide's example, read from Kafka. */
    public static final String VALID =
            SpecCases.transactions(
                    "{kind: KafkaSource, cluster: local, topic: transactions}", "", "");

    private final ThymeConf conf = TestConf.withKafka("127.0.0.1:9092");

    private JobSpec parse(String yaml) {
        return new SpecLoader(conf).parse("test.yaml", yaml);
    }

    @Test
    void readsTheGuideExample() {
        JobSpec spec = parse(VALID);
        assertThat(spec.dataset().name()).isEqualTo("Transaction");
        assertThat(spec.dataset().index()).isTrue();
        assertThat(spec.dataset().fields())
                .extracting(FieldSpec::name)
                .containsExactly("user_id", "amount", "ts");
        assertThat(spec.dataset().keyFields())
                .extracting(FieldSpec::name)
                .containsExactly("user_id");
        assertThat(spec.dataset().timestampField().name()).isEqualTo("ts");
        assertThat(spec.source().maxLateness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(spec.source().every()).isEmpty();
        assertThat(spec.source().cursor()).isEmpty();
        assertThat(spec.source().cdc()).isEqualTo(CdcMode.APPEND);
        assertThat(spec.source().connector().requiredString("topic")).isEqualTo("transactions");
        assertThat(spec.warnings()).isEmpty();
    }

    @Test
    void appliesTheGuideDefaults() {
        JobSpec spec =
                parse(
                        VALID.replace("  cursor: \"\"\n", "")
                                .replace("  every: \"\"\n", "")
                                .replace("  max_lateness: 5m\n", "")
                                .replace("  cdc: append\n", ""));
        assertThat(spec.source().cursor()).isEmpty();
        assertThat(spec.source().every()).isEmpty();
        assertThat(spec.source().maxLateness()).isEqualTo(Duration.ZERO);
        assertThat(spec.source().cdc()).isEqualTo(CdcMode.APPEND);
    }

    @Test
    void acceptsTypeShorthandAndOptionalTypes() {
        JobSpec spec =
                parse(
                        VALID.replace(
                                "    amount: {type: float}",
                                "    amount: float\n    note: Optional[str]\n    day: date\n"
                                        + "    n: int\n    ok: bool"));
        assertThat(spec.dataset().field("note").orElseThrow().type())
                .isEqualTo(new FieldType(BaseType.STR, true));
        assertThat(spec.dataset().field("amount").orElseThrow().type())
                .isEqualTo(new FieldType(BaseType.FLOAT, false));
        assertThat(spec.dataset().fields()).hasSize(7);
    }

    @Test
    void warnsThatStreamingSourcesIgnoreEveryAndCursor() {
        JobSpec spec =
                parse(
                        VALID.replace("every: \"\"", "every: 1m")
                                .replace("cursor: \"\"", "cursor: ts"));
        assertThat(spec.warnings())
                .anySatisfy(
                        w -> assertThat(w).startsWith("source.every: KafkaSource is a streaming"))
                .anySatisfy(w -> assertThat(w).startsWith("source.cursor: KafkaSource reads"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String yaml =
                VALID.replace("every: \"\"", "every: 1x")
                        .replace("cdc: append", "cdc: merge")
                        .replace("type: float", "type: double");
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e ->
                                assertThat(e.problems())
                                        .hasSize(3)
                                        .anyMatch(p -> p.startsWith("source.every:"))
                                        .anyMatch(p -> p.startsWith("source.cdc:"))
                                        .anyMatch(p -> p.startsWith("dataset.fields.amount.type:")))
                .hasMessageStartingWith("test.yaml has 3 problems:");
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                bad(
                        "unknown top-level key",
                        VALID + "extra: 1\n",
                        "extra: unknown key 'extra'; expected one of: dataset, source"),
                bad(
                        "missing dataset",
                        VALID.substring(VALID.indexOf("source:")),
                        "dataset: is required"),
                bad(
                        "missing source",
                        VALID.substring(0, VALID.indexOf("source:")),
                        "source: is required"),
                bad("spec is a list", "- a\n- b\n", "top level: expected a mapping"),
                bad("not YAML", "dataset: [unclosed\n", "is not valid YAML"),
                bad(
                        "missing dataset name",
                        VALID.replace("  name: Transaction\n", ""),
                        "dataset.name: is required"),
                bad(
                        "dataset name with a space",
                        VALID.replace("name: Transaction", "name: My Tx"),
                        "dataset.name: 'My Tx' is not a class name; use letters, digits and _"),
                bad(
                        "index is a string",
                        VALID.replace("index: true", "index: \"yes please\""),
                        "dataset.index: expected true or false"),
                bad(
                        "unknown dataset key",
                        VALID.replace("index: true", "indx: true"),
                        "dataset.indx: unknown key 'indx'; expected one of: name, index, fields"),
                bad(
                        "fields missing",
                        VALID.replaceAll("(?s)  fields:.*?source:", "source:"),
                        "dataset.fields: is required"),
                bad(
                        "fields empty",
                        VALID.replaceAll("(?s)  fields:.*?source:", "  fields: {}\nsource:"),
                        "dataset.fields: declares no field"),
                bad(
                        "fields is a list",
                        VALID.replaceAll("(?s)  fields:.*?source:", "  fields: [a, b]\nsource:"),
                        "dataset.fields: expected a mapping"),
                bad(
                        "unknown type",
                        VALID.replace("type: str, key", "type: strr, key"),
                        "dataset.fields.user_id.type: 'strr' is not a field type; use one of str,"
                                + " int, float, bool, datetime, date, or Optional[T]"),
                bad(
                        "unknown Optional type",
                        VALID.replace("type: float", "type: \"Optional[flot]\""),
                        "dataset.fields.amount.type: 'Optional[flot]' is not a field type"),
                bad(
                        "List type not yet",
                        VALID.replace("type: float", "type: \"List[int]\""),
                        "dataset.fields.amount.type: 'List[int]' is not a field type"),
                bad(
                        "type missing",
                        VALID.replace("{type: float}", "{key: false}"),
                        "dataset.fields.amount.type: is required"),
                bad(
                        "unknown field key",
                        VALID.replace("{type: float}", "{type: float, primary: true}"),
                        "dataset.fields.amount.primary: unknown key 'primary'; expected one of:"
                                + " type, key, timestamp"),
                bad(
                        "key is a string",
                        VALID.replace("key: true", "key: \"true\""),
                        "dataset.fields.user_id.key: expected true or false"),
                bad(
                        "timestamp is a number",
                        VALID.replace("timestamp: true", "timestamp: 1"),
                        "dataset.fields.ts.timestamp: expected true or false"),
                bad(
                        "no timestamp field",
                        VALID.replace(", timestamp: true", ""),
                        "dataset.fields: no field is the event time; mark exactly one datetime"
                                + " field with timestamp: true"),
                bad(
                        "two timestamp fields",
                        VALID.replace("{type: float}", "{type: datetime, timestamp: true}"),
                        "dataset.fields: 2 fields are marked timestamp: true (amount, ts); mark"
                                + " exactly one"),
                bad(
                        "timestamp on a str",
                        VALID.replace(
                                "{type: datetime, timestamp: true}",
                                "{type: str, timestamp: true}"),
                        "dataset.fields.ts.type: the timestamp field must be of type datetime"),
                bad(
                        "optional timestamp",
                        VALID.replace(
                                "{type: datetime, timestamp: true}",
                                "{type: \"Optional[datetime]\", timestamp: true}"),
                        "dataset.fields.ts.type: the timestamp field must be of type datetime,"
                                + " not Optional[datetime]"),
                bad(
                        "optional key",
                        VALID.replace(
                                "{type: str, key: true}", "{type: \"Optional[str]\", key: true}"),
                        "dataset.fields.user_id.type: a key field cannot be Optional[str]"),
                bad(
                        "field name with a dash",
                        VALID.replace("user_id:", "user-id:"),
                        "dataset.fields.user-id: 'user-id' is not a field name"),
                bad(
                        "unknown source key",
                        VALID.replace("cdc: append", "cdc: append\n  poll: 1m"),
                        "source.poll: unknown key 'poll'; expected one of: connector, cursor,"
                                + " every, max_lateness, cdc"),
                bad(
                        "connector missing",
                        VALID.replace(
                                "  connector: {kind: KafkaSource, cluster: local, topic:"
                                        + " transactions}\n",
                                ""),
                        "source.connector: is required"),
                bad(
                        "connector is a string",
                        VALID.replace(
                                "{kind: KafkaSource, cluster: local, topic: transactions}",
                                "KafkaSource"),
                        "source.connector: expected a mapping of keys to values, found"
                                + " 'KafkaSource'"),
                bad(
                        "connector kind missing",
                        VALID.replace("kind: KafkaSource, ", ""),
                        "source.connector.kind: is required"),
                bad(
                        "connector kind misspelled",
                        VALID.replace("KafkaSource", "KafkaSauce"),
                        "source.connector.kind: 'KafkaSauce' is not a connector of this jar;"
                                + " available:"
                                + " BigQuerySource, IcebergSource, KafkaSource, KinesisSource,"
                                + " PostgresSource, S3JsonSource, SnowflakeSource"),
                bad(
                        "topic missing",
                        VALID.replace(", topic: transactions", ""),
                        "source.connector.topic: is required: the topic to read"),
                bad(
                        "topic is a number",
                        VALID.replace("topic: transactions", "topic: 42"),
                        "source.connector.topic: expected a string, found the number 42; quote"
                                + " it"),
                bad(
                        "unknown connector parameter",
                        VALID.replace("topic:", "topics:"),
                        "source.connector.topics: unknown key 'topics'; expected one of: kind,"
                                + " cluster, topic"),
                bad(
                        "unknown cluster",
                        VALID.replace("cluster: local", "cluster: prod"),
                        "source.connector.cluster: no Kafka cluster named 'prod' in test-conf;"
                                + " declared: local"),
                bad(
                        "bad starting position",
                        VALID.replace("topic: transactions", "topic: t, starting_position: begin"),
                        "source.connector.starting_position: 'begin' is not a starting position;"
                                + " use earliest, latest, committed, or timestamp:<ISO-8601>"),
                bad(
                        "secret in a spec",
                        VALID.replace(
                                "topic: transactions",
                                "topic: t, properties: {sasl.jaas.config: x}"),
                        "source.connector.properties.sasl.jaas.config: looks like a secret; specs"
                                + " never hold secrets"),
                bad(
                        "reserved consumer property",
                        VALID.replace(
                                "topic: transactions",
                                "topic: t, properties: {bootstrap.servers: x}"),
                        "source.connector.properties.bootstrap.servers: is set by KafkaSource"
                                + " itself"),
                bad(
                        "cursor names no field",
                        VALID.replace("cursor: \"\"", "cursor: tss"),
                        "source.cursor: 'tss' names no field of Transaction; fields: user_id,"
                                + " amount, ts"),
                bad(
                        "every is not a duration",
                        VALID.replace("every: \"\"", "every: 1x"),
                        "source.every: '1x' is not a duration; write an integer and a unit (s, m,"
                                + " h, d), e.g. '5m'"),
                bad(
                        "every is zero",
                        VALID.replace("every: \"\"", "every: 0m"),
                        "source.every: must be more than 0s"),
                bad(
                        "max_lateness in words",
                        VALID.replace("max_lateness: 5m", "max_lateness: 5 minutes"),
                        "source.max_lateness: '5 minutes' is not a duration; write an integer and"
                                + " a unit"),
                bad(
                        "max_lateness without unit",
                        VALID.replace("max_lateness: 5m", "max_lateness: 5"),
                        "source.max_lateness: '5' is not a duration; write an integer and a"
                                + " unit"),
                bad(
                        "max_lateness negative",
                        VALID.replace("max_lateness: 5m", "max_lateness: -5m"),
                        "source.max_lateness: '-5m' is not a duration"),
                bad(
                        "cdc unknown",
                        VALID.replace("cdc: append", "cdc: merge"),
                        "source.cdc: 'merge' is not a cdc mode; use append, upsert or debezium"),
                bad(
                        "upsert without key",
                        VALID.replace("cdc: append", "cdc: upsert").replace(", key: true", ""),
                        "source.cdc: cdc 'upsert' needs a key: mark the fields that identify a"
                                + " row with key: true"),
                bad(
                        "debezium without key",
                        VALID.replace("cdc: append", "cdc: debezium").replace(", key: true", ""),
                        "source.cdc: cdc 'debezium' needs a key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void refusesInvalidSpecWithPathAndFix(String name, String yaml, String expected) {
        SpecCases.assertRefused(conf, name, yaml, expected);
    }

    @Test
    void specFilesReportProblemsOfEveryFileAndDuplicateDatasets() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("specs");
        java.nio.file.Path a = java.nio.file.Files.writeString(dir.resolve("a.yaml"), VALID);
        java.nio.file.Path b = java.nio.file.Files.writeString(dir.resolve("b.yaml"), VALID);
        java.nio.file.Path c =
                java.nio.file.Files.writeString(
                        dir.resolve("c.yaml"), VALID.replace("every: \"\"", "every: 1x"));
        assertThatThrownBy(() -> SpecFiles.loadAll(conf, java.util.List.of(a, b, c)))
                .hasMessageContaining(
                        "b.yaml has 1 problem:\n  - dataset.name: Transaction is also declared in")
                .hasMessageContaining(
                        "c.yaml has 1 problem:\n  - source.every: '1x' is not a duration");
        assertThat(Optional.of(SpecFiles.loadAll(conf, java.util.List.of(a))))
                .get()
                .asList()
                .hasSize(1);
    }
}
