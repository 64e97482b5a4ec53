package io.thyme.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.thyme.spec.FieldSpec;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.flink.types.Row;

/**
 * Writes events as the README's wire format: the value is a JSON object of all fields in spec
 * order, the key a JSON object of the key fields; datetimes are ISO-8601 UTC with microseconds,
 * dates {@code YYYY-MM-DD}, nulls JSON null. Not thread-safe: one per sink writer.
 */
public final class JsonEventEncoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EventSchema schema;
    private final int[] keyIndexes;
    private final int[] allIndexes;
    private transient JsonFactory json;
    private transient ByteArrayBuilder buffer;

    public JsonEventEncoder(EventSchema schema) {
        this.schema = schema;
        this.keyIndexes = schema.keyIndexes();
        this.allIndexes = java.util.stream.IntStream.range(0, schema.arity()).toArray();
    }

    public byte[] value(Row event) {
        return object(event, allIndexes);
    }

    /** The key, or null for a dataset without key fields. */
    public byte[] key(Row event) {
        return keyIndexes.length == 0 ? null : object(event, keyIndexes);
    }

    private byte[] object(Row event, int[] positions) {
        if (json == null) {
            json = new JsonFactory();
            buffer = new ByteArrayBuilder(256);
        }
        buffer.reset();
        try (JsonGenerator out = json.createGenerator(buffer)) {
            out.writeStartObject();
            for (int position : positions) {
                FieldSpec field = schema.fields().get(position);
                out.writeFieldName(field.name());
                write(out, field, event.getField(position));
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot encode an event of " + schema.dataset().name(), e);
        }
        return buffer.toByteArray();
    }

    private static void write(JsonGenerator out, FieldSpec field, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        switch (field.type().base()) {
            case STR:
                out.writeString((String) value);
                break;
            case INT:
                out.writeNumber((Long) value);
                break;
            case FLOAT:
                out.writeNumber((Double) value);
                break;
            case BOOL:
                out.writeBoolean((Boolean) value);
                break;
            case DATETIME:
                out.writeString(FieldValues.formatDatetime((Instant) value));
                break;
            case DATE:
                out.writeString(value.toString());
                break;
            default:
                throw new IllegalStateException("unknown type " + field.type());
        }
    }
}
