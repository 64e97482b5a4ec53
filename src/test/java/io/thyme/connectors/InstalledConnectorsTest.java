package io.thyme.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ConnectionSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The connectors found through ServiceLoader, and the rule that the core names none of them. */
class InstalledConnectorsTest {
    /** The core's packages: everything but the connectors' own packages (and the demo). */
    private static final List<String> CORE =
            List.of("spec", "conf", "event", "time", "cdc", "sink", "polling", "job", "connectors");

    private static final Pattern CONNECTOR_IMPORT =
            Pattern.compile("io\\.thyme\\.connectors\\.(?!reader\\.)([a-z]\\w*)\\.");

    @Test
    void findsEveryConnectorOfThisJarWithItsConfSections() {
        assertThat(InstalledConnectors.availableKinds())
                .containsExactly(
                        "BigQuerySource",
                        "IcebergSource",
                        "KafkaSource",
                        "KinesisSource",
                        "PostgresSource",
                        "S3JsonSource",
                        "SnowflakeSource");
        for (String kind : InstalledConnectors.availableKinds()) {
            assertThat(InstalledConnectors.sourceFactory(kind).kind()).isEqualTo(kind);
        }
        assertThat(InstalledConnectors.connectionSections().stream().map(ConnectionSection::key))
                .containsExactly("bigquery", "iceberg", "kinesis", "postgres", "s3", "snowflake");
        assertThat(InstalledConnectors.find("KafkaSauce")).isEmpty();
    }

    @Test
    void theCoreImportsNoConnector() throws IOException {
        Path sources = Path.of("src/main/java/io/thyme");
        List<String> offending = new ArrayList<>();
        for (String pkg : CORE) {
            Path dir = sources.resolve(pkg);
            // the connectors package itself is the SPI; its subpackages are the connectors
            try (Stream<Path> files =
                    pkg.equals("connectors") ? Files.list(dir) : Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = CONNECTOR_IMPORT.matcher(Files.readString(file));
                    while (m.find()) {
                        offending.add(sources.relativize(file) + " names connector " + m.group(1));
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
    }
}
