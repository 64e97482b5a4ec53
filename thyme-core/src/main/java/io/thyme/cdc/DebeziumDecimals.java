package io.thyme.cdc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.thyme.event.FieldValues;
import io.thyme.event.RowDecodeException;
import io.thyme.spec.FieldSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;

/**
 * Debezium's decimal encodings read exactly: Kafka Connect's {@code Decimal} (the unscaled value as
 * base64 two's-complement bytes, its scale in the schema; or a JSON number under the JSON
 * converter's {@code decimal.format=NUMERIC}), {@code io.debezium.data.VariableScaleDecimal} (a
 * struct of {@code scale} and {@code value} bytes) and decimal strings ({@code
 * decimal.handling.mode=string}); then converted to the dataset field's type.
 */
final class DebeziumDecimals {
    static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";
    static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

    private DebeziumDecimals() {}

    /** A {@code Decimal} of the given scale: base64 text or a JSON number. */
    static BigDecimal decimal(JsonParser parser, JsonToken token, int scale)
            throws IOException, RowDecodeException {
        if (token == JsonToken.VALUE_STRING) {
            return new BigDecimal(new BigInteger(base64(parser.getText())), scale);
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDecimalValue();
        }
        throw new RowDecodeException(
                "expected a decimal ("
                        + DECIMAL
                        + ": base64 bytes or a number), found "
                        + found(parser, token));
    }

    /**
     * A {@code VariableScaleDecimal} struct, {@code {"scale":2,"value":"BNI="}}. Reads the whole
     * object before it judges it, so the parser stands on its END_OBJECT even when it throws.
     */
    static BigDecimal variableScaleDecimal(JsonParser parser, JsonToken token)
            throws IOException, RowDecodeException {
        if (token != JsonToken.START_OBJECT) {
            throw new RowDecodeException(
                    "expected a decimal ("
                            + VARIABLE_SCALE_DECIMAL
                            + ": an object of scale and value), found "
                            + found(parser, token));
        }
        Integer scale = null;
        String value = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken field = parser.nextToken();
            if ("scale".equals(name) && field == JsonToken.VALUE_NUMBER_INT) {
                scale = parser.getIntValue();
            } else if ("value".equals(name) && field == JsonToken.VALUE_STRING) {
                value = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        if (scale == null || value == null) {
            throw new RowDecodeException(
                    "expected a decimal ("
                            + VARIABLE_SCALE_DECIMAL
                            + "), found an object without an integer 'scale' and a base64 'value'");
        }
        return new BigDecimal(new BigInteger(base64(value)), scale);
    }

    /** A decimal string as {@code decimal.handling.mode=string} writes it, or null if not one. */
    static BigDecimal parse(String text) {
        if (text.isEmpty() || text.length() > 400) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The decimal as the field's type: float the nearest double, str exact text, int if whole. */
    static Object convert(BigDecimal value, FieldSpec field, String encoding)
            throws RowDecodeException {
        switch (field.type().base()) {
            case FLOAT:
                return FieldValues.checkFloat(value.doubleValue());
            case STR:
                return value.toPlainString();
            case INT:
                try {
                    return value.longValueExact();
                } catch (ArithmeticException e) {
                    throw new RowDecodeException(
                            value.toPlainString()
                                    + (value.stripTrailingZeros().scale() > 0
                                            ? " is not a whole number; declare the field float or"
                                                    + " str"
                                            : " does not fit a 64-bit integer; declare the field"
                                                    + " str"));
                }
            default:
                throw new RowDecodeException(
                        "is a decimal ("
                                + encoding
                                + "), which a "
                                + field.type().base().pythonName()
                                + " field cannot hold; declare the field float, str or int");
        }
    }

    private static byte[] base64(String text) throws RowDecodeException {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length == 0) {
                throw new RowDecodeException("\"\" is not a decimal's base64 bytes");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new RowDecodeException("\"" + text + "\" is not a decimal's base64 bytes");
        }
    }

    static String found(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            return "an object";
        }
        if (token == JsonToken.START_ARRAY) {
            return "an array";
        }
        if (token == JsonToken.VALUE_STRING) {
            return "\"" + parser.getText() + "\"";
        }
        return parser.getText();
    }

    /**
     * Whether the text decodes as base64 (what a precise decimal looks like without its schema).
     */
    static boolean looksLikeBase64(String text) {
        if (text.isEmpty() || text.length() % 4 != 0) {
            return false;
        }
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
