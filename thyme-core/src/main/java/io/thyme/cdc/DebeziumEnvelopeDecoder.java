package io.thyme.cdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.thyme.event.JsonRowDecoder;
import io.thyme.event.RowDecodeException;
import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * {@code cdc="debezium"}: reads a Debezium JSON envelope as Kafka Connect's JSON converter writes
 * it, with the {@code schema}/{@code payload} wrapper (schemas.enable=true, the default) or
 * without. {@code op} c (create) and r (snapshot read) are inserts of {@code after}, u an update to
 * {@code after}, d a delete of {@code before} (its key and event time come from that image).
 *
 * <p>With a schema, each column is read by its logical type (decimals from base64 bytes and their
 * scale, timestamps from epoch milli-, micro- or nanoseconds, dates from days; see {@link
 * DebeziumFieldReaders}), resolved once per distinct schema. Without one, what is unambiguous is
 * read and the rest refused with the Debezium setting that fixes it.
 *
 * <p>Tombstones (no value), truncates (op t), logical decoding messages (op m), transaction
 * metadata and heartbeats are skipped and counted ({@link DebeziumSkips}), not errors.
 */
public final class DebeziumEnvelopeDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final JsonRowDecoder rows;
    private transient JsonFactory json;
    private transient DebeziumSchemas schemas;
    private transient DebeziumSkips skips;

    public DebeziumEnvelopeDecoder(JsonRowDecoder rows) {
        this.rows = rows;
    }

    /** Counts the skipped records in {@code group} (numDebeziumTruncatesSkipped, ...). */
    public void registerMetrics(MetricGroup group) {
        init();
        skips.register(group);
    }

    DebeziumSkips skips() {
        init();
        return skips;
    }

    DebeziumSchemas schemas() {
        init();
        return schemas;
    }

    /** The change, or empty for a record that is none; throws with the reason for a broken one. */
    public Optional<Row> decode(byte[] value) throws RowDecodeException {
        init();
        if (value == null) {
            skips.skip(DebeziumSkips.Kind.TOMBSTONE);
            return Optional.empty();
        }
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RowDecodeException("not a Debezium envelope: expected a JSON object");
            }
            JsonToken first = parser.nextToken();
            String name = first == JsonToken.FIELD_NAME ? parser.currentName() : "";
            if ("schema".equals(name) || "payload".equals(name)) {
                return wrapped(value, parser);
            }
            try (JsonParser envelope = json.createParser(value)) {
                envelope.nextToken();
                return body(value, envelope, 0, schemas.schemaless());
            }
        } catch (JsonParseException e) {
            throw new RowDecodeException("not a Debezium envelope: not valid JSON");
        } catch (IOException e) {
            throw new RowDecodeException("not a Debezium envelope: " + e.getMessage());
        }
    }

    /** {"schema":..., "payload":...} in either order; the parser stands on the first name. */
    private Optional<Row> wrapped(byte[] value, JsonParser parser)
            throws IOException, RowDecodeException {
        DebeziumSchemas.Resolved schema = null;
        int payloadFrom = -1;
        int payloadTo = -1;
        boolean payload = false;
        do {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("schema".equals(name)) {
                if (token == JsonToken.START_OBJECT) {
                    int from = offset(parser.currentTokenLocation().getByteOffset());
                    parser.skipChildren();
                    schema =
                            schemas.lookup(
                                    value, from, offset(parser.currentLocation().getByteOffset()));
                } else {
                    parser.skipChildren();
                }
            } else if ("payload".equals(name)) {
                payload = true;
                if (token == JsonToken.START_OBJECT) {
                    if (schema != null) {
                        return body(value, parser, 0, schema);
                    }
                    payloadFrom = offset(parser.currentTokenLocation().getByteOffset());
                    parser.skipChildren();
                    payloadTo = offset(parser.currentLocation().getByteOffset());
                } else if (token != JsonToken.VALUE_NULL) {
                    throw new RowDecodeException(
                            "not a Debezium envelope: its payload is not an object");
                }
            } else {
                parser.skipChildren();
            }
        } while (parser.nextToken() == JsonToken.FIELD_NAME);
        if (payloadFrom < 0) {
            if (payload) {
                skips.skip(DebeziumSkips.Kind.TOMBSTONE);
                return Optional.empty();
            }
            throw new RowDecodeException("not a Debezium envelope: a schema without a payload");
        }
        try (JsonParser body = json.createParser(value, payloadFrom, payloadTo - payloadFrom)) {
            body.nextToken();
            return body(value, body, payloadFrom, schema == null ? schemas.schemaless() : schema);
        }
    }

    /**
     * The envelope object the parser stands on, whose offsets count from {@code base} in {@code
     * value}. Debezium writes {@code op} after the images, so the images are located first and only
     * the one the op needs is decoded.
     */
    private Optional<Row> body(
            byte[] value, JsonParser parser, int base, DebeziumSchemas.Resolved schema)
            throws IOException, RowDecodeException {
        String op = null;
        int beforeFrom = -1;
        int beforeTo = -1;
        int afterFrom = -1;
        int afterTo = -1;
        int fields = 0;
        boolean timestamp = false;
        boolean status = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            fields++;
            int from = base + offset(parser.currentTokenLocation().getByteOffset());
            switch (name) {
                case "op":
                    op = token == JsonToken.VALUE_STRING ? parser.getText() : "";
                    break;
                case "before":
                case "after":
                    parser.skipChildren();
                    if (token == JsonToken.START_OBJECT) {
                        int to = base + offset(parser.currentLocation().getByteOffset());
                        if ("before".equals(name)) {
                            beforeFrom = from;
                            beforeTo = to;
                        } else {
                            afterFrom = from;
                            afterTo = to;
                        }
                    }
                    break;
                case "ts_ms":
                    timestamp = true;
                    break;
                case "status":
                    status = token == JsonToken.VALUE_STRING;
                    break;
                default:
                    parser.skipChildren();
            }
        }
        if (op == null) {
            if (schema.kind == DebeziumSchemas.Kind.HEARTBEAT || (timestamp && fields == 1)) {
                skips.skip(DebeziumSkips.Kind.HEARTBEAT);
                return Optional.empty();
            }
            if (schema.kind == DebeziumSchemas.Kind.TRANSACTION || status) {
                skips.skip(DebeziumSkips.Kind.TRANSACTION);
                return Optional.empty();
            }
            op = "";
        }
        switch (op) {
            case "c":
            case "r":
                return Optional.of(
                        image(value, afterFrom, afterTo, "after", op, RowKind.INSERT, schema));
            case "u":
                return Optional.of(
                        image(
                                value,
                                afterFrom,
                                afterTo,
                                "after",
                                op,
                                RowKind.UPDATE_AFTER,
                                schema));
            case "d":
                return Optional.of(
                        image(value, beforeFrom, beforeTo, "before", op, RowKind.DELETE, schema));
            case "t":
                skips.skip(DebeziumSkips.Kind.TRUNCATE);
                return Optional.empty();
            case "m":
                skips.skip(DebeziumSkips.Kind.MESSAGE);
                return Optional.empty();
            default:
                throw new RowDecodeException(
                        "Debezium envelope has op '"
                                + op
                                + "'; expected c, r, u or d (is this topic really a Debezium"
                                + " topic?)");
        }
    }

    private Row image(
            byte[] value,
            int from,
            int to,
            String name,
            String op,
            RowKind kind,
            DebeziumSchemas.Resolved schema)
            throws IOException, RowDecodeException {
        if (from < 0) {
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
        try (JsonParser image = json.createParser(value, from, to - from)) {
            image.nextToken();
            return rows.decodeObject(
                    image, kind, "before".equals(name) ? schema.before : schema.after);
        } catch (RowDecodeException e) {
            throw new RowDecodeException("'" + name + "' image: " + e.getMessage());
        } catch (IOException e) {
            throw new RowDecodeException("'" + name + "' image: " + e.getMessage());
        }
    }

    private static int offset(long byteOffset) {
        return (int) byteOffset;
    }

    private void init() {
        if (json == null) {
            json = new JsonFactory();
            schemas = new DebeziumSchemas(rows.schema());
            skips = new DebeziumSkips();
        }
    }
}
