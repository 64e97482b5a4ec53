package io.thyme.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The connectors this jar holds, as JSON: each one's kind, description, how it reads and its
 * parameters. The {@code connectors} command prints it; the Python package ships the full jar's
 * catalog ({@code src/main/python/thyme/connectors.json}) and builds its connector classes from it,
 * so a connector module is not written twice.
 */
public final class ConnectorCatalog {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConnectorCatalog() {}

    /** The catalog of the installed connectors, in kind order, ending with a newline. */
    public static String json() {
        ObjectNode catalog = JSON.createObjectNode();
        ArrayNode connectors = catalog.putArray("connectors");
        for (String kind : InstalledConnectors.availableKinds()) {
            ConnectorOptions options = InstalledConnectors.find(kind).orElseThrow();
            ObjectNode connector = connectors.addObject();
            connector.put("kind", kind);
            connector.put("description", options.description());
            connector.put("streaming", options.streaming());
            connector.put("needs_cursor", options.needsCursor());
            connector.put("reads_envelopes", options.readsEnvelopes());
            connector.put("streams_log", options.streamsLog());
            ArrayNode parameters = connector.putArray("parameters");
            for (ConnectorParameter parameter : options.parameters()) {
                parameters
                        .addObject()
                        .put("name", parameter.name())
                        .put("type", parameter.type().name().toLowerCase(Locale.ROOT))
                        .put("required", parameter.required())
                        .put("description", parameter.description());
            }
        }
        try {
            return JSON.writeValueAsString(catalog).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
