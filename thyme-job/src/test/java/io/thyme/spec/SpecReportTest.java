package io.thyme.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ConfLoader;
import io.thyme.conf.ThymeConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code validate} reports for the mistakes users made: every problem of a file at once, each
 * once, under one header, and never a Java exception.
 */
class SpecReportTest {
    private static final String DATASET =
            String.join(
                    "\n",
                    "dataset:",
                    "  name: Transaction",
                    "  fields:",
                    "    user_id: {type: str, key: true}",
                    "    amount: {type: float}",
                    "    ts: {type: datetime, timestamp: true}",
                    "");

    @TempDir Path dir;

    private final ThymeConf conf = ConfLoader.loadDir(Path.of("conf"));

    private InvalidSpecException refused(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("x.yaml"), yaml);
        try {
            SpecFiles.loadAll(conf, List.of(file));
        } catch (InvalidSpecException e) {
            assertThat(e.getMessage()).startsWith(file + " has ");
            assertThat(e.getMessage().split(" has \\d+ problems?:", -1)).as("headers").hasSize(2);
            assertThat(e.problems()).doesNotHaveDuplicates();
            return e;
        }
        throw new AssertionError("expected " + yaml + " to be refused");
    }

    @Test
    void namesTheMissingParameterOfKafkaSourceGivenAnotherConnectorsName() throws IOException {
        InvalidSpecException e =
                refused(
                        DATASET
                                + "source:\n"
                                + "  connector: {kind: KafkaSource, connection: local, topic: t}\n");
        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "source.connector.connection: unknown key 'connection'; expected one of:"
                                + " kind, cluster, topic, starting_position, group_id, properties",
                        "source.connector.cluster: is required: the name of a Kafka cluster under"
                                + " kafka: in conf/thyme.yaml");
    }

    @Test
    void namesTheMissingConnectionOfS3JsonSource() throws IOException {
        InvalidSpecException e =
                refused(
                        DATASET
                                + "source:\n"
                                + "  connector: {kind: S3JsonSource, bucket: events}\n"
                                + "  every: 1m\n");
        assertThat(e.problems())
                .containsExactly(
                        "source.connector.connection: is required: the name of an object store"
                                + " under s3: in conf/thyme.yaml");
    }

    @Test
    void reportsTheMissingTableAndTheMissingCursorOfIcebergSourceTogether() throws IOException {
        InvalidSpecException e =
                refused(
                        DATASET
                                + "source:\n"
                                + "  connector: {kind: IcebergSource, catalog: prod, database: db}\n"
                                + "  every: 1m\n");
        assertThat(e.problems())
                .hasSize(2)
                .anyMatch(p -> p.startsWith("source.connector.table: is required"))
                .anyMatch(p -> p.startsWith("source.cursor: IcebergSource reads incrementally"));
    }

    @Test
    void checksTheConnectorWhenTheDatasetHasAProblem() throws IOException {
        InvalidSpecException e =
                refused(
                        DATASET.replace("type: float", "type: double")
                                + "source:\n"
                                + "  connector: {kind: KafkaSource, cluster: nowhere, topic: t}\n"
                                + "  cursor: tss\n");
        assertThat(e.problems())
                .hasSize(3)
                .anyMatch(p -> p.startsWith("dataset.fields.amount.type: 'double' is not"))
                .anyMatch(p -> p.startsWith("source.connector.cluster: no Kafka cluster named"))
                .anyMatch(p -> p.startsWith("source.cursor: 'tss' names no field of Transaction"));
    }

    @Test
    void refusesAnEmptyRequiredParameter() throws IOException {
        assertThat(
                        refused(
                                        DATASET
                                                + "source:\n"
                                                + "  connector: {kind: KafkaSource, cluster: local,"
                                                + " topic: \"\"}\n")
                                .problems())
                .containsExactly("source.connector.topic: is empty; write the topic to read");
    }

    @Test
    void reportsAMalformedValueOnceNotAlsoAsMissing() throws IOException {
        InvalidSpecException e =
                refused(
                        DATASET
                                + "source:\n"
                                + "  connector: {kind: IcebergSource, catalog: prod, database: db,"
                                + " table: t}\n"
                                + "  cursor: [ts]\n"
                                + "  every: {m: 1}\n");
        assertThat(e.problems())
                .containsExactly(
                        "source.cursor: expected a string, found a list; write one value, e.g."
                                + " cursor: \"...\"",
                        "source.every: a mapping is not a duration; write an integer and a unit"
                                + " (s, m, h, d), e.g. '5m'");
    }

    @Test
    void listsTheProblemsOfSeveralFilesUnderOneHeaderEach() throws IOException {
        Path a = Files.writeString(dir.resolve("a.yaml"), DATASET + "source: 1\n");
        Path b = Files.writeString(dir.resolve("b.yaml"), "dataset: 1\nsource: 2\n");
        assertThatThrownBy(() -> SpecFiles.loadAll(conf, List.of(a, b)))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.files()).containsExactly(a.toString(), b.toString()))
                .hasMessage(
                        String.join(
                                "\n",
                                a + " has 1 problem:",
                                "  - source: expected a mapping of keys to values, found the"
                                        + " number 1",
                                b + " has 2 problems:",
                                "  - dataset: expected a mapping of keys to values, found the"
                                        + " number 1",
                                "  - source: expected a mapping of keys to values, found the"
                                        + " number 2"));
    }
}
