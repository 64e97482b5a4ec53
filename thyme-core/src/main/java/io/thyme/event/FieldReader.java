package io.thyme.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.thyme.spec.FieldSpec;
import java.io.IOException;

/**
 * Reads one field's non-null JSON value into the field's type: {@link JsonRowDecoder#readValue} for
 * plain JSON, or a reader chosen once per source schema (e.g. a Debezium column's logical type)
 * that knows what the value's encoding means.
 */
@FunctionalInterface
public interface FieldReader {
    /**
     * The value the parser stands on ({@code token}, never VALUE_NULL). A reader of an object or
     * array either consumes it to its end token or throws while still on its start token (the
     * caller then skips it).
     */
    Object read(JsonParser parser, JsonToken token, FieldSpec field)
            throws IOException, RowDecodeException;
}
