package io.thyme.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.testing.ProblemReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thyme validate [--conf DIR] SPEC...} as {@link ThymeJob#main} runs it, without the JVM
 * exit: the exit code and what it prints. {@link ValidateCommandITCase} runs the shaded jar.
 */
class ValidateCommandTest {
    private static final String DATASET =
            String.join(
                    "\n",
                    "dataset:",
                    "  name: %s",
                    "  fields:",
                    "    user_id: {type: str, key: true}",
                    "    ts: {type: datetime, timestamp: true}",
                    "");

    @TempDir Path dir;

    /** What one run printed, and its exit code. */
    private record Run(int exitCode, String out, String err) {}

    private static Run validate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of("validate"));
        command.addAll(List.of(args));
        int exitCode =
                ThymeJob.validate(
                        CommandLine.parse(command.toArray(String[]::new)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                exitCode,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    private String spec(String name, String dataset, String source) throws IOException {
        return Files.writeString(dir.resolve(name), String.format(DATASET, dataset) + source)
                .toString();
    }

    @Test
    void printsEveryProblemOfEverySpecOnceAndExitsWithOne() throws IOException {
        String kafka =
                spec(
                        "kafka.yaml",
                        "Order",
                        "source:\n  connector: {kind: KafkaSource, connection: local, topic: o}\n");
        String s3 =
                spec(
                        "s3.yaml",
                        "Upload",
                        "source:\n  connector: {kind: S3JsonSource, bucket: b}\n  every: 1m\n");
        String iceberg =
                spec(
                        "iceberg.yaml",
                        "Payment",
                        "source:\n"
                                + "  connector: {kind: IcebergSource, catalog: prod, database: d}\n"
                                + "  every: 1m\n");
        String notYaml =
                Files.writeString(dir.resolve("broken.yaml"), "dataset: [unclosed\nsource: {}\n")
                        .toString();

        Run run = validate("--conf", "conf", kafka, s3, iceberg, notYaml);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("at io.thyme");
        assertThat(
                        ProblemReport.of(run.err().strip())
                                .defects(List.of(kafka, s3, iceberg, notYaml)))
                .isEmpty();
        assertThat(run.err())
                .contains(kafka + " has 2 problems:")
                .contains("  - source.connector.connection: unknown key 'connection'")
                .contains("  - source.connector.cluster: is required")
                .contains(s3 + " has 1 problem:")
                .contains("  - source.connector.connection: is required")
                .contains(iceberg + " has 2 problems:")
                .contains("  - source.connector.table: is required")
                .contains("  - source.cursor: IcebergSource reads incrementally and needs a cursor")
                .contains(notYaml + " has 1 problem:\n  - is not valid YAML: ")
                .contains("line 1, column 10");
    }

    @Test
    void printsEveryProblemOfTheConfAndExitsWithOne() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(
                conf.resolve("thyme.yaml"),
                "kafka:\n  local: {bootstrap_servers: [a, b]}\nsink: {cluster: prod}\njob: 10s\n");

        Run run = validate("--conf", conf.toString(), "jobs/transactions.yaml");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("at io.thyme");
        String file = conf.resolve("thyme.yaml").toString();
        assertThat(ProblemReport.of(run.err().strip()).defects(List.of(file))).isEmpty();
        assertThat(run.err())
                .contains(file + " has 3 problems:")
                .contains("  - kafka.local.bootstrap_servers: expected a string, found a list")
                .contains("  - sink.cluster: no Kafka cluster named 'prod' under kafka:")
                .contains("  - job: expected a mapping of keys to values, found '10s'");
    }

    @Test
    void namesTheMissingSpecAndExitsWithOne() {
        Run run = validate("--conf", "conf");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("the command line has 1 problem:\n  - no spec file given");
    }

    @Test
    void acceptsTheShippedSpecsAndExitsWithZero() {
        Run run = validate("--conf", "conf", "jobs/transactions.yaml", "jobs/postgres-users.yaml");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("jobs/transactions.yaml: OK (Transaction)")
                .contains("jobs/postgres-users.yaml: OK (User)");
    }

    /** What {@code thyme submit} sends to a cluster: the specs' text, named like their files. */
    @Test
    void checksSpecsGivenInlineWithFilesUnderTheirNames() throws IOException {
        String shipped = Files.readString(Path.of("jobs/transactions.yaml"));
        String broken = shipped.replace("every: 1m", "every: 1x");
        Run good = validate("--conf", "conf", "--spec-inline", "transaction.yaml=" + shipped);
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.out()).contains("transaction.yaml: OK (Transaction)");

        Run bad =
                validate(
                        "--conf",
                        "conf",
                        "jobs/postgres-users.yaml",
                        "--spec-inline",
                        "from-python/transaction.yaml=" + broken);
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err())
                .contains("from-python/transaction.yaml has 1 problem:")
                .contains("  - source.every: '1x' is not a duration");
    }

    @Test
    void refusesAnInlineSpecWithoutAName() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"run", "--spec-inline", "=x"}))
                .hasMessageContaining("--spec-inline needs NAME=TEXT");
    }
}
