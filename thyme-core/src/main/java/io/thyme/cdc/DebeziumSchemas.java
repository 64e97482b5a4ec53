package io.thyme.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thyme.event.EventSchema;
import io.thyme.event.FieldReader;
import io.thyme.event.RowDecodeException;
import io.thyme.spec.FieldSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The envelope schemas a decoder has met, each resolved once into a reader per dataset field (see
 * {@link DebeziumFieldReaders}). A record finds its schema by comparing the schema's bytes with the
 * few it has seen (a topic has one per table version), so the per-record cost is one comparison of
 * bytes, not a parse.
 */
final class DebeziumSchemas {
    /** What an envelope schema says its records are. */
    enum Kind {
        CHANGE,
        HEARTBEAT,
        TRANSACTION
    }

    /** A resolved schema: what the records are, and how each image's fields are read. */
    static final class Resolved {
        final Kind kind;
        final FieldReader[] before;
        final FieldReader[] after;

        Resolved(Kind kind, FieldReader[] before, FieldReader[] after) {
            this.kind = kind;
            this.before = before;
            this.after = after;
        }
    }

    private static final int CAPACITY = 16;

    private final EventSchema dataset;
    private final ObjectMapper json = new ObjectMapper();
    private final Resolved schemaless;
    private final byte[][] keys = new byte[CAPACITY][];
    private final Resolved[] values = new Resolved[CAPACITY];
    private int size;
    private int next;
    private int resolved;

    DebeziumSchemas(EventSchema dataset) {
        this.dataset = dataset;
        FieldReader[] readers = new FieldReader[dataset.arity()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = DebeziumFieldReaders.schemaless(dataset.fields().get(i));
        }
        this.schemaless = new Resolved(Kind.CHANGE, readers, readers);
    }

    /** For envelopes without a schema (value.converter.schemas.enable=false). */
    Resolved schemaless() {
        return schemaless;
    }

    /** The resolved schema whose JSON is {@code bytes[from, to)}. */
    Resolved lookup(byte[] bytes, int from, int to) throws RowDecodeException {
        int length = to - from;
        for (int i = 0; i < size; i++) {
            byte[] key = keys[i];
            if (key.length == length && Arrays.equals(key, 0, length, bytes, from, to)) {
                return values[i];
            }
        }
        JsonNode schema;
        try {
            schema = json.readTree(bytes, from, length);
        } catch (IOException e) {
            throw new RowDecodeException("not a Debezium envelope: its schema is not valid JSON");
        }
        Resolved fresh = resolve(schema);
        resolved++;
        keys[next] = Arrays.copyOfRange(bytes, from, to);
        values[next] = fresh;
        next = (next + 1) % CAPACITY;
        if (size < CAPACITY) {
            size++;
        }
        return fresh;
    }

    /** How many schemas were parsed and resolved so far (each distinct one once, if it fits). */
    int resolvedCount() {
        return resolved;
    }

    private Resolved resolve(JsonNode schema) {
        String name = schema.path("name").asText("");
        // Debezium itself recognises these by the end of the name (a prefix may be adjusted).
        if (name.endsWith("Heartbeat")) {
            return new Resolved(Kind.HEARTBEAT, schemaless.before, schemaless.after);
        }
        if (name.endsWith("TransactionMetadataValue")) {
            return new Resolved(Kind.TRANSACTION, schemaless.before, schemaless.after);
        }
        return new Resolved(Kind.CHANGE, image(schema, "before"), image(schema, "after"));
    }

    private FieldReader[] image(JsonNode envelope, String which) {
        Map<String, JsonNode> columns = new HashMap<>();
        for (JsonNode field : envelope.path("fields")) {
            if (which.equals(field.path("field").asText())) {
                for (JsonNode column : field.path("fields")) {
                    columns.put(column.path("field").asText(), column);
                }
            }
        }
        FieldReader[] readers = new FieldReader[dataset.arity()];
        for (int i = 0; i < readers.length; i++) {
            FieldSpec field = dataset.fields().get(i);
            JsonNode column = columns.get(field.name());
            readers[i] =
                    column == null
                            ? schemaless.after[i]
                            : DebeziumFieldReaders.forColumn(column, field);
        }
        return readers;
    }
}
