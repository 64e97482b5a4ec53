package io.thyme.conf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.thyme.testing.MutantVerdict;
import io.thyme.testing.YamlMutant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/thyme.yaml with each key and value changed the ways a user gets them wrong, loaded the way
 * {@code validate --conf DIR} does ({@link ConfLoader#loadDir}): each mutant is refused with a
 * problem at the changed path, listed once under one header, and never with another exception; the
 * changes that leave a valid conf are listed below.
 */
class ConfMutationTest {
    private static final Path SHIPPED = Path.of("conf", ConfLoader.FILE_NAME);
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Changes that leave a valid conf; a key with a null value is absent. */
    private static final Set<String> STILL_VALID =
            Set.of(
                    // sections and connections that the conf itself does not use (specs do, and
                    // the spec validator checks that what they name is declared)
                    "drop postgres",
                    "null at postgres",
                    "drop postgres.local",
                    "null at postgres.local",
                    "rename postgres.local to local_typo",
                    "drop iceberg",
                    "null at iceberg",
                    "drop iceberg.prod",
                    "null at iceberg.prod",
                    "rename iceberg.prod to prod_typo",
                    "drop s3",
                    "null at s3",
                    "drop s3.local-files",
                    "null at s3.local-files",
                    "rename s3.local-files to local-files_typo",
                    "drop kinesis",
                    "null at kinesis",
                    "drop kinesis.local",
                    "null at kinesis.local",
                    "rename kinesis.local to local_typo",
                    "drop bigquery",
                    "null at bigquery",
                    "drop bigquery.local",
                    "null at bigquery.local",
                    "rename bigquery.local to local_typo",
                    "drop snowflake",
                    "null at snowflake",
                    "drop snowflake.local",
                    "null at snowflake.local",
                    "rename snowflake.local to local_typo",
                    // without a url, Snowflake's own address for the account
                    "drop snowflake.local.url",
                    "null at snowflake.local.url",
                    "'' at snowflake.local.url",
                    // optional keys; a port may be written as a number; "" is a duration's default
                    "drop postgres.local.port",
                    "null at postgres.local.port",
                    "number at postgres.local.port",
                    "drop kinesis.local.endpoint",
                    "null at kinesis.local.endpoint",
                    "'' at kinesis.local.endpoint",
                    "drop sink.topic_prefix",
                    "null at sink.topic_prefix",
                    "drop sink.delivery",
                    "null at sink.delivery",
                    "drop sink.transactional_id_prefix",
                    "null at sink.transactional_id_prefix",
                    "'' at sink.transactional_id_prefix",
                    "drop job",
                    "null at job",
                    "drop job.checkpoint_interval",
                    "null at job.checkpoint_interval",
                    "'' at job.checkpoint_interval",
                    "drop job.idle_timeout",
                    "null at job.idle_timeout",
                    "'' at job.idle_timeout",
                    // a user without a password (trust or peer authentication)
                    "'' at postgres.local.password",
                    // values that only the external system can refuse
                    "'wrong' at kafka.local.bootstrap_servers",
                    "'wrong' at postgres.local.host",
                    "'wrong' at postgres.local.database",
                    "'wrong' at postgres.local.user",
                    "'wrong' at postgres.local.password",
                    "'wrong' at iceberg.prod.warehouse",
                    "'wrong' at kinesis.local.region",
                    "'wrong' at kinesis.local.access_key_id",
                    "'wrong' at kinesis.local.secret_access_key",
                    "'wrong' at bigquery.local.project",
                    "'wrong' at bigquery.local.credentials_file",
                    "'wrong' at snowflake.local.account",
                    "'wrong' at snowflake.local.user",
                    "'wrong' at snowflake.local.password",
                    "'wrong' at snowflake.local.warehouse",
                    "'wrong' at snowflake.local.database",
                    "'wrong' at snowflake.local.schema",
                    "'wrong' at sink.topic_prefix",
                    "'wrong' at sink.transactional_id_prefix");

    /** Changes reported where the changed thing is used: the change to the path of the problem. */
    private static final Map<String, String> REPORTED_AT =
            Map.ofEntries(
                    // the sink's cluster
                    Map.entry("drop kafka.local", "sink.cluster"),
                    Map.entry("null at kafka.local", "sink.cluster"),
                    Map.entry("rename kafka.local to local_typo", "sink.cluster"),
                    // without an endpoint, an object store is S3 itself and needs a region
                    Map.entry("drop s3.local-files.endpoint", "s3.local-files.region"),
                    Map.entry("null at s3.local-files.endpoint", "s3.local-files.region"),
                    Map.entry("'' at s3.local-files.endpoint", "s3.local-files.region"),
                    // without an endpoint, 'none' (no credentials) would go to Google itself
                    Map.entry("drop bigquery.local.endpoint", "bigquery.local.credentials_file"),
                    Map.entry("null at bigquery.local.endpoint", "bigquery.local.credentials_file"),
                    Map.entry("'' at bigquery.local.endpoint", "bigquery.local.credentials_file"),
                    // an account logs in with a password or a key
                    Map.entry("drop snowflake.local.password", "snowflake.local"),
                    Map.entry("null at snowflake.local.password", "snowflake.local"),
                    Map.entry("'' at snowflake.local.password", "snowflake.local"));

    @TempDir Path dir;

    @Test
    void refusesEveryMutantWithItsPathOrStillLoadsIt() throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(SHIPPED.toFile());
        Path confDir = dir.resolve("conf");
        Files.createDirectories(confDir);
        Path file = confDir.resolve(ConfLoader.FILE_NAME);
        List<YamlMutant> mutants = YamlMutant.everyKeyAndValue(root);
        List<String> violations = new ArrayList<>();
        for (YamlMutant mutant : mutants) {
            Files.writeString(file, YAML.writeValueAsString(mutant.applyTo(root)));
            MutantVerdict.judge(
                            file.toString(),
                            mutant,
                            () -> ConfLoader.loadDir(confDir),
                            STILL_VALID.contains(mutant.description()),
                            Optional.ofNullable(REPORTED_AT.get(mutant.description())))
                    .ifPresent(violations::add);
        }
        assertThat(violations)
                .as("%d of the %d mutants of %s", violations.size(), mutants.size(), SHIPPED)
                .isEmpty();
    }

    @Test
    void listsOnlyChangesThatAreMutants() throws IOException {
        Set<String> made = new HashSet<>();
        YamlMutant.everyKeyAndValue((ObjectNode) YAML.readTree(SHIPPED.toFile()))
                .forEach(m -> made.add(m.description()));
        assertThat(made).containsAll(STILL_VALID).containsAll(REPORTED_AT.keySet());
    }
}
