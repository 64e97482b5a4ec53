package io.thyme.cdc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thyme.event.JsonRowDecoder;
import io.thyme.event.RowDecodeException;
import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * {@code cdc="debezium"}: reads a Debezium JSON envelope, with or without the {@code schema}/{@code
 * payload} wrapper. {@code op} c (create) and r (snapshot read) are inserts of {@code after}, u an
 * update to {@code after}, d a delete of {@code before} (its key and event time come from that
 * image). The tombstone Debezium writes after a delete (no value) is skipped.
 */
public final class DebeziumEnvelopeDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final JsonRowDecoder rows;
    private transient ObjectMapper json;

    public DebeziumEnvelopeDecoder(JsonRowDecoder rows) {
        this.rows = rows;
    }

    /** The change, or empty for a tombstone; throws with the reason for a broken envelope. */
    public Optional<Row> decode(byte[] value) throws RowDecodeException {
        if (value == null) {
            return Optional.empty();
        }
        if (json == null) {
            json = new ObjectMapper();
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(value);
        } catch (IOException e) {
            throw new RowDecodeException("not a Debezium envelope: not valid JSON");
        }
        if (envelope == null || !envelope.isObject()) {
            throw new RowDecodeException("not a Debezium envelope: expected a JSON object");
        }
        if (envelope.has("payload") && envelope.has("schema")) {
            envelope = envelope.get("payload");
            if (envelope == null || envelope.isNull()) {
                return Optional.empty();
            }
        }
        String op = envelope.path("op").asText("");
        switch (op) {
            case "c":
            case "r":
                return Optional.of(image(envelope, "after", op, RowKind.INSERT));
            case "u":
                return Optional.of(image(envelope, "after", op, RowKind.UPDATE_AFTER));
            case "d":
                return Optional.of(image(envelope, "before", op, RowKind.DELETE));
            default:
                throw new RowDecodeException(
                        "Debezium envelope has op '"
                                + op
                                + "'; expected c, r, u or d (is this topic really a Debezium"
                                + " topic?)");
        }
    }

    private Row image(JsonNode envelope, String name, String op, RowKind kind)
            throws RowDecodeException {
        JsonNode image = envelope.get(name);
        if (image == null || !image.isObject()) {
            throw new RowDecodeException(
                    "Debezium envelope with op '"
                            + op
                            + "' has no '"
                            + name
                            + "' image"
                            + ("before".equals(name)
                                    ? "; set REPLICA IDENTITY FULL (or keep the key columns) on the"
                                            + " source table"
                                    : ""));
        }
        try (JsonParser parser = image.traverse(json)) {
            parser.nextToken();
            return rows.decodeObject(parser, kind);
        } catch (RowDecodeException e) {
            throw new RowDecodeException("'" + name + "' image: " + e.getMessage());
        } catch (IOException e) {
            throw new RowDecodeException("'" + name + "' image: " + e.getMessage());
        }
    }
}
