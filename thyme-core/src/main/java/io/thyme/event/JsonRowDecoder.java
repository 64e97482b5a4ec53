package io.thyme.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.thyme.spec.FieldSpec;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * Decodes one JSON object into an event of the dataset's schema, strictly: a field of the wrong
 * type, a null in a non-Optional field, or a missing field refuses the whole row with a message
 * naming each field at fault. Keys the dataset does not declare are ignored.
 */
public final class JsonRowDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EventSchema schema;
    private transient JsonFactory json;
    private transient Map<String, Integer> positions;

    /** The field names, interned as Jackson interns the names it reads. */
    private transient String[] names;

    /** The common records, read without a parser; null for more than 64 fields. */
    private transient FlatJsonReader flat;

    public JsonRowDecoder(EventSchema schema) {
        this.schema = schema;
    }

    public EventSchema schema() {
        return schema;
    }

    public Row decode(byte[] bytes) throws RowDecodeException {
        return decode(bytes, RowKind.INSERT);
    }

    public Row decode(byte[] bytes, RowKind kind) throws RowDecodeException {
        init();
        if (flat != null) {
            Row row = flat.read(bytes, kind);
            if (row != null) {
                return row;
            }
        }
        return decodeWithJackson(bytes, kind);
    }

    /** What {@link #decode(byte[], RowKind)} gives when {@link FlatJsonReader} declines. */
    Row decodeWithJackson(byte[] bytes, RowKind kind) throws RowDecodeException {
        init();
        try (JsonParser parser = json.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RowDecodeException("expected a JSON object, found " + preview(bytes));
            }
            return decodeObject(parser, kind);
        } catch (JsonParseException e) {
            throw new RowDecodeException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RowDecodeException("cannot read the row: " + e.getMessage());
        }
    }

    /** Decodes the object the parser stands on (its START_OBJECT), e.g. inside an envelope. */
    public Row decodeObject(JsonParser parser, RowKind kind)
            throws IOException, RowDecodeException {
        return decodeObject(parser, kind, null);
    }

    /**
     * Like {@link #decodeObject(JsonParser, RowKind)}, reading field {@code i}'s non-null values
     * with {@code readers[i]} (plain JSON where {@code readers} or its entry is null). Nulls,
     * missing fields and the error message are handled here, the same for every reader.
     */
    public Row decodeObject(JsonParser parser, RowKind kind, FieldReader[] readers)
            throws IOException, RowDecodeException {
        init();
        Row row = Row.withPositions(kind, schema.arity());
        boolean[] seen = new boolean[schema.arity()];
        List<String> errors = null; // made for the first error: most rows have none
        int expected = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            // records usually list the fields in the spec's order: the next one is a reference
            // comparison away (Jackson interns names); any other order takes the map
            Integer position =
                    expected < names.length && names[expected] == name
                            ? Integer.valueOf(expected)
                            : positions.get(name);
            JsonToken token = parser.nextToken();
            if (position == null) {
                parser.skipChildren();
                continue;
            }
            expected = position + 1;
            seen[position] = true;
            FieldSpec field = schema.fields().get(position);
            try {
                if (token == JsonToken.VALUE_NULL) {
                    row.setField(position, nullValue(field));
                } else if (readers == null || readers[position] == null) {
                    row.setField(position, readValue(parser, token, field));
                } else {
                    row.setField(position, readers[position].read(parser, token, field));
                }
            } catch (RowDecodeException e) {
                errors = errors == null ? new ArrayList<>() : errors;
                errors.add("field '" + field.name() + "': " + e.getMessage());
                parser.skipChildren();
            }
        }
        for (int i = 0; i < seen.length; i++) {
            FieldSpec field = schema.fields().get(i);
            if (!seen[i] && !field.type().optional()) {
                errors = errors == null ? new ArrayList<>() : errors;
                errors.add(
                        "field '"
                                + field.name()
                                + "' is missing; send it, or declare it Optional["
                                + field.type().base().pythonName()
                                + "]");
            }
        }
        if (errors != null) {
            throw new RowDecodeException(String.join("; ", errors));
        }
        return row;
    }

    private static Object nullValue(FieldSpec field) throws RowDecodeException {
        if (field.type().optional()) {
            return null;
        }
        throw new RowDecodeException(
                "is null but its type is "
                        + field.type()
                        + "; send a value, or declare it Optional["
                        + field.type()
                        + "]");
    }

    /**
     * Reads a non-null plain JSON value into the field's type (the default {@link FieldReader}).
     */
    public static Object readValue(JsonParser parser, JsonToken token, FieldSpec field)
            throws IOException, RowDecodeException {
        switch (field.type().base()) {
            case STR:
                if (token == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                throw mismatch("a string", parser, token);
            case INT:
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    try {
                        return parser.getLongValue();
                    } catch (InputCoercionException e) {
                        throw new RowDecodeException(
                                parser.getText() + " does not fit a 64-bit integer");
                    }
                }
                throw mismatch("an integer", parser, token);
            case FLOAT:
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    return FieldValues.checkFloat(parser.getDoubleValue());
                }
                throw mismatch("a number", parser, token);
            case BOOL:
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    return token == JsonToken.VALUE_TRUE;
                }
                throw mismatch("true or false", parser, token);
            case DATETIME:
                return datetime(parser, token);
            case DATE:
                if (token == JsonToken.VALUE_STRING) {
                    try {
                        return FieldValues.checkDate(LocalDate.parse(parser.getText()));
                    } catch (DateTimeParseException e) {
                        throw new RowDecodeException(
                                "'"
                                        + abbreviate(parser.getText())
                                        + "' is not a date like 2024-05-01");
                    }
                }
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    // Debezium's encoding of a DATE column: days since 1970-01-01.
                    long days = parser.getLongValue();
                    if (Math.abs(days) > 4_000_000) {
                        throw new RowDecodeException(
                                days + " days since 1970-01-01 is outside the date range");
                    }
                    return FieldValues.checkDate(LocalDate.ofEpochDay(days));
                }
                throw mismatch(
                        "a date string like 2024-05-01 (or days since 1970-01-01)", parser, token);
            default:
                throw new IllegalStateException("unknown type " + field.type());
        }
    }

    private static Object datetime(JsonParser parser, JsonToken token)
            throws IOException, RowDecodeException {
        if (token == JsonToken.VALUE_STRING) {
            // the common forms straight from the parser's buffer, without a string per value
            Instant common =
                    IsoDatetimes.parseCommon(
                            parser.getTextCharacters(),
                            parser.getTextOffset(),
                            parser.getTextLength());
            try {
                return FieldValues.checkDatetime(
                        common != null ? common : FieldValues.parseDatetime(parser.getText()));
            } catch (java.time.DateTimeException e) {
                throw new RowDecodeException(
                        "'"
                                + abbreviate(parser.getText())
                                + "' is not an ISO-8601 date-time like 2024-05-01T12:00:00Z");
            }
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            try {
                return FieldValues.checkDatetime(Instant.ofEpochMilli(parser.getLongValue()));
            } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
                throw new RowDecodeException(
                        parser.getText() + " epoch milliseconds does not fit a 64-bit integer");
            }
        }
        throw mismatch("an ISO-8601 string or epoch milliseconds", parser, token);
    }

    /** {@code expected <what>, found <the value as sent>}. */
    public static RowDecodeException mismatch(String expected, JsonParser parser, JsonToken token)
            throws IOException {
        String found;
        if (token == JsonToken.START_OBJECT) {
            found = "an object";
        } else if (token == JsonToken.START_ARRAY) {
            found = "an array";
        } else if (token == JsonToken.VALUE_STRING) {
            found = "\"" + abbreviate(parser.getText()) + "\"";
        } else {
            found = abbreviate(parser.getText());
        }
        return new RowDecodeException("expected " + expected + ", found " + found);
    }

    /** Characters of a value quoted in a reason: enough to recognise it. */
    static final int QUOTED_CHARS = 100;

    /** The text itself, or its first 100 characters and how long it was. */
    static String abbreviate(String text) {
        if (text.length() <= QUOTED_CHARS) {
            return text;
        }
        int end =
                Character.isHighSurrogate(text.charAt(QUOTED_CHARS - 1))
                        ? QUOTED_CHARS - 1
                        : QUOTED_CHARS;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }

    private static String preview(byte[] bytes) {
        String text =
                new String(
                        bytes,
                        0,
                        Math.min(bytes.length, 40),
                        java.nio.charset.StandardCharsets.UTF_8);
        return "'" + text + (bytes.length > 40 ? "...'" : "'");
    }

    private void init() {
        if (json == null) {
            // FastDoubleParser: correctly rounded like Double.parseDouble, several times faster
            json =
                    JsonFactory.builder()
                            .enable(
                                    com.fasterxml.jackson.core.StreamReadFeature
                                            .USE_FAST_DOUBLE_PARSER)
                            .build();
            flat = schema.arity() <= Long.SIZE ? new FlatJsonReader(schema) : null;
            positions = new HashMap<>();
            names = new String[schema.arity()];
            for (int i = 0; i < schema.arity(); i++) {
                names[i] = schema.fields().get(i).name().intern();
                positions.put(names[i], i);
            }
        }
    }
}
