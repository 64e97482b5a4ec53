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
    private static final Pattern CONNECTOR_IMPORT =
            Pattern.compile("io\\.thyme\\.connectors\\.(?!reader\\.|sql\\.)([a-z]\\w*)\\.");

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

    /**
     * The module rule Maven alone does not enforce: the core and each connector may import the
     * SPI's shared packages (sql, reader), but no connector's package but their own; and each
     * connector module's pom depends on no other connector.
     */
    @Test
    void eachModuleNamesNoConnectorButItsOwn() throws IOException {
        List<String> offending = new ArrayList<>();
        offending.addAll(foreignConnectors(Path.of("thyme-core"), null));
        try (Stream<Path> modules = Files.list(Path.of("."))) {
            for (Path module :
                    modules.filter(m -> m.getFileName().toString().startsWith(MODULE_PREFIX))
                            .sorted()
                            .toList()) {
                String own = module.getFileName().toString().substring(MODULE_PREFIX.length());
                offending.addAll(foreignConnectors(module, own));
                offending.addAll(foreignModules(module));
            }
        }
        offending.addAll(foreignModules(Path.of("thyme-core")));
        assertThat(offending).isEmpty();
    }

    private static final String MODULE_PREFIX = "thyme-connector-";

    private static final Pattern CONNECTOR_MODULE = Pattern.compile("thyme-connector-[a-z0-9]+");

    /** The connector modules {@code module}'s pom names, but itself. */
    private static List<String> foreignModules(Path module) throws IOException {
        List<String> offending = new ArrayList<>();
        Matcher pom = CONNECTOR_MODULE.matcher(Files.readString(module.resolve("pom.xml")));
        while (pom.find()) {
            if (!pom.group().equals(module.getFileName().toString())) {
                offending.add(module + "/pom.xml depends on " + pom.group());
            }
        }
        return offending;
    }

    /** The files of {@code module} that import a connector package other than {@code own}. */
    private static List<String> foreignConnectors(Path module, String own) throws IOException {
        List<String> offending = new ArrayList<>();
        Path sources = module.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CONNECTOR_IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(own)) {
                        offending.add(
                                module.resolve(sources.relativize(file))
                                        + " names connector "
                                        + m.group(1));
                    }
                }
            }
        }
        return offending;
    }
}
