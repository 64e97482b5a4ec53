package io.thyme.cdc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonNode;
import io.thyme.event.FieldReader;
import io.thyme.event.FieldValues;
import io.thyme.event.JsonRowDecoder;
import io.thyme.event.RowDecodeException;
import io.thyme.spec.BaseType;
import io.thyme.spec.FieldSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Chooses, once per column of an envelope's schema, how a field's values are read: by the column's
 * logical type ({@code name} in Kafka Connect's JSON schema), so a decimal's base64 bytes, a
 * timestamp's epoch microseconds or a date's days become the exact value of the dataset's type.
 * Without a schema, {@link #schemaless} reads what is unambiguous and names the Debezium setting
 * that fixes the rest.
 */
final class DebeziumFieldReaders {
    private static final String TIMESTAMP = "io.debezium.time.Timestamp";
    private static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    private static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    private static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    private static final String DATE = "io.debezium.time.Date";
    private static final String TIME = "io.debezium.time.Time";
    private static final String MICRO_TIME = "io.debezium.time.MicroTime";
    private static final String NANO_TIME = "io.debezium.time.NanoTime";
    private static final String ZONED_TIME = "io.debezium.time.ZonedTime";
    private static final String CONNECT_TIMESTAMP = "org.apache.kafka.connect.data.Timestamp";
    private static final String CONNECT_DATE = "org.apache.kafka.connect.data.Date";
    private static final String CONNECT_TIME = "org.apache.kafka.connect.data.Time";

    private static final String NO_SCALE_FIX =
            " Debezium writes a decimal column as base64 bytes whose scale only the schema holds"
                    + " (decimal.handling.mode=precise): keep the schema"
                    + " (value.converter.schemas.enable=true), or set decimal.handling.mode=double"
                    + " or string";

    private DebeziumFieldReaders() {}

    /**
     * The reader for values of {@code column} (a field of the image's schema) into {@code field}.
     */
    static FieldReader forColumn(JsonNode column, FieldSpec field) {
        String logical = unshaded(column.path("name").asText(""));
        switch (logical) {
            case DebeziumDecimals.DECIMAL:
                int scale = column.path("parameters").path("scale").asInt(0);
                return (p, t, f) ->
                        DebeziumDecimals.convert(
                                DebeziumDecimals.decimal(p, t, scale), f, DebeziumDecimals.DECIMAL);
            case DebeziumDecimals.VARIABLE_SCALE_DECIMAL:
                return (p, t, f) ->
                        DebeziumDecimals.convert(
                                DebeziumDecimals.variableScaleDecimal(p, t),
                                f,
                                DebeziumDecimals.VARIABLE_SCALE_DECIMAL);
            case TIMESTAMP:
            case CONNECT_TIMESTAMP:
                return timestamp(logical, 1_000L, "epoch milliseconds");
            case MICRO_TIMESTAMP:
                return timestamp(logical, 1_000_000L, "epoch microseconds");
            case NANO_TIMESTAMP:
                return timestamp(logical, 1_000_000_000L, "epoch nanoseconds");
            case ZONED_TIMESTAMP:
                return only(logical, "an ISO-8601 date-time with offset", BaseType.DATETIME);
            case DATE:
            case CONNECT_DATE:
                return date(logical);
            case TIME:
            case CONNECT_TIME:
                return timeOfDay(logical, 1_000L, "milliseconds since midnight");
            case MICRO_TIME:
                return timeOfDay(logical, 1_000_000L, "microseconds since midnight");
            case NANO_TIME:
                return timeOfDay(logical, 1_000_000_000L, "nanoseconds since midnight");
            case ZONED_TIME:
                return only(logical, "an ISO-8601 time with offset", BaseType.STR);
            default:
                // A string column into a number field: decimal.handling.mode=string.
                return "string".equals(column.path("type").asText())
                        ? DebeziumFieldReaders::decimalText
                        : null;
        }
    }

    /** The reader for a field when the envelope has no schema (schemas.enable=false). */
    static FieldReader schemaless(FieldSpec field) {
        switch (field.type().base()) {
            case FLOAT:
            case INT:
            case STR:
                return DebeziumFieldReaders::schemalessNumber;
            case DATETIME:
                return DebeziumFieldReaders::schemalessDatetime;
            default:
                return null;
        }
    }

    /**
     * The logical name as Kafka Connect spells it: a shaded Connect (Flink CDC's jar relocates it
     * under org.apache.flink.cdc.connectors.shaded) renames its own types with it.
     */
    static String unshaded(String name) {
        int connect = name.indexOf(".org.apache.kafka.connect.");
        return connect < 0 ? name : name.substring(connect + 1);
    }

    private static FieldReader timestamp(String logical, long perSecond, String unit) {
        return (p, t, f) -> {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw JsonRowDecoder.mismatch(logical + " (" + unit + ")", p, t);
            }
            long value = longValue(p);
            switch (f.type().base()) {
                case DATETIME:
                    return FieldValues.checkDatetime(epoch(value, perSecond));
                case STR:
                    return FieldValues.formatDatetime(
                            FieldValues.checkDatetime(epoch(value, perSecond)));
                case INT:
                    return value;
                default:
                    throw new RowDecodeException(
                            "is a timestamp ("
                                    + logical
                                    + ", "
                                    + unit
                                    + "), which a "
                                    + f.type().base().pythonName()
                                    + " field cannot hold; declare the field datetime");
            }
        };
    }

    private static FieldReader date(String logical) {
        return (p, t, f) -> {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw JsonRowDecoder.mismatch(logical + " (days since 1970-01-01)", p, t);
            }
            long days = longValue(p);
            switch (f.type().base()) {
                case DATE:
                case STR:
                    if (Math.abs(days) > 4_000_000) {
                        throw new RowDecodeException(
                                days + " days since 1970-01-01 is outside the date range");
                    }
                    LocalDate date = FieldValues.checkDate(LocalDate.ofEpochDay(days));
                    return f.type().base() == BaseType.DATE ? date : date.toString();
                case INT:
                    return days;
                default:
                    throw new RowDecodeException(
                            "is a date ("
                                    + logical
                                    + ", days since 1970-01-01), which a "
                                    + f.type().base().pythonName()
                                    + " field cannot hold; declare the field date");
            }
        };
    }

    private static FieldReader timeOfDay(String logical, long perSecond, String unit) {
        return (p, t, f) -> {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw JsonRowDecoder.mismatch(logical + " (" + unit + ")", p, t);
            }
            long value = longValue(p);
            switch (f.type().base()) {
                case STR:
                    if (value < 0 || value >= 86_400L * perSecond) {
                        throw new RowDecodeException(
                                value + " " + unit + " is not a time of day (24:00:00?)");
                    }
                    return LocalTime.ofNanoOfDay(value * (1_000_000_000L / perSecond))
                            .format(DateTimeFormatter.ISO_LOCAL_TIME);
                case INT:
                    return value;
                default:
                    throw new RowDecodeException(
                            "is a time of day ("
                                    + logical
                                    + ", "
                                    + unit
                                    + "), which a "
                                    + f.type().base().pythonName()
                                    + " field cannot hold; declare the field str (an ISO time"
                                    + " like 10:15:30.123456) or int");
            }
        };
    }

    /** A string logical type (ZonedTimestamp, ZonedTime) read as plain JSON by one base type. */
    private static FieldReader only(String logical, String what, BaseType base) {
        return (p, t, f) -> {
            if (f.type().base() != base && f.type().base() != BaseType.STR) {
                throw new RowDecodeException(
                        "is "
                                + what
                                + " ("
                                + logical
                                + "), which a "
                                + f.type().base().pythonName()
                                + " field cannot hold; declare the field "
                                + base.pythonName());
            }
            return JsonRowDecoder.readValue(p, t, f);
        };
    }

    /** A string column: plain JSON, except a decimal string into a number field. */
    private static Object decimalText(JsonParser p, JsonToken t, FieldSpec f)
            throws IOException, RowDecodeException {
        BaseType base = f.type().base();
        if (t == JsonToken.VALUE_STRING && (base == BaseType.FLOAT || base == BaseType.INT)) {
            BigDecimal value = DebeziumDecimals.parse(p.getText());
            if (value == null) {
                throw JsonRowDecoder.mismatch(
                        base == BaseType.FLOAT ? "a number" : "an integer", p, t);
            }
            return DebeziumDecimals.convert(value, f, "a decimal string");
        }
        return JsonRowDecoder.readValue(p, t, f);
    }

    private static Object schemalessNumber(JsonParser p, JsonToken t, FieldSpec f)
            throws IOException, RowDecodeException {
        BaseType base = f.type().base();
        if (t == JsonToken.START_OBJECT) {
            // VariableScaleDecimal carries its own scale: unambiguous without the schema.
            return DebeziumDecimals.convert(
                    DebeziumDecimals.variableScaleDecimal(p, t),
                    f,
                    DebeziumDecimals.VARIABLE_SCALE_DECIMAL);
        }
        if (t == JsonToken.VALUE_STRING && base != BaseType.STR) {
            String text = p.getText();
            BigDecimal value = DebeziumDecimals.parse(text);
            if (value != null) {
                return DebeziumDecimals.convert(value, f, "a decimal string");
            }
            if (DebeziumDecimals.looksLikeBase64(text)) {
                throw new RowDecodeException(
                        "\"" + text + "\" is not a number but looks like base64;" + NO_SCALE_FIX);
            }
        }
        return JsonRowDecoder.readValue(p, t, f);
    }

    private static Object schemalessDatetime(JsonParser p, JsonToken t, FieldSpec f)
            throws IOException, RowDecodeException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            return JsonRowDecoder.readValue(p, t, f);
        }
        long value = longValue(p);
        Instant millis = epoch(value, 1_000L);
        if (millis.isBefore(FieldValues.MIN_DATETIME) || millis.isAfter(FieldValues.MAX_DATETIME)) {
            throw new RowDecodeException(
                    value
                            + " is not epoch milliseconds of a date-time in years 1 to 9999;"
                            + " without the schema an integer date-time is read as epoch"
                            + " milliseconds, but Debezium writes a timestamp column as epoch"
                            + " microseconds (io.debezium.time.MicroTimestamp) under"
                            + " time.precision.mode=adaptive: set time.precision.mode=connect, or"
                            + " keep the schema (value.converter.schemas.enable=true)");
        }
        return millis;
    }

    private static long longValue(JsonParser p) throws IOException, RowDecodeException {
        try {
            return p.getLongValue();
        } catch (InputCoercionException e) {
            throw new RowDecodeException(p.getText() + " does not fit a 64-bit integer");
        }
    }

    private static Instant epoch(long value, long perSecond) throws RowDecodeException {
        try {
            return Instant.ofEpochSecond(
                    Math.floorDiv(value, perSecond),
                    Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond));
        } catch (DateTimeException e) {
            throw new RowDecodeException(value + " is outside the datetime range");
        }
    }
}
