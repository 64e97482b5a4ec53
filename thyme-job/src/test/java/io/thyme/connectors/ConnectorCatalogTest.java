package io.thyme.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog the {@code connectors} command prints, and the copy the Python package builds its
 * connector classes from: they must be the same, or Python users would declare sources the jar
 * refuses (or miss new ones).
 */
class ConnectorCatalogTest {
    private static final Path PYTHON_CATALOG = Path.of("src/main/python/thyme/connectors.json");

    @Test
    void thePythonPackageShipsThisJarsCatalog() throws Exception {
        assertThat(Files.readString(PYTHON_CATALOG))
                .as(
                        "%s is stale; regenerate it: mvn -B package -DskipTests && java -jar"
                                + " thyme-job/target/thyme-sources-*.jar connectors > %s",
                        PYTHON_CATALOG, PYTHON_CATALOG)
                .isEqualTo(ConnectorCatalog.json());
    }

    @Test
    void describesEveryInstalledConnectorWithItsParametersInOrder() throws Exception {
        JsonNode catalog = new ObjectMapper().readTree(ConnectorCatalog.json());
        List<String> kinds = new ArrayList<>();
        for (JsonNode connector : catalog.path("connectors")) {
            String kind = connector.path("kind").asText();
            kinds.add(kind);
            ConnectorOptions options = InstalledConnectors.find(kind).orElseThrow();
            assertThat(connector.path("streaming").asBoolean()).isEqualTo(options.streaming());
            assertThat(connector.path("needs_cursor").asBoolean()).isEqualTo(options.needsCursor());
            List<String> names = new ArrayList<>();
            connector.path("parameters").forEach(p -> names.add(p.path("name").asText()));
            assertThat(names)
                    .containsExactlyElementsOf(
                            options.parameters().stream().map(ConnectorParameter::name).toList());
            assertThat(connector.path("description").asText()).isNotBlank();
        }
        assertThat(kinds).containsExactlyElementsOf(InstalledConnectors.availableKinds());
    }
}
