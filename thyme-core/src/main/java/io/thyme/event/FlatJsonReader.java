package io.thyme.event;

import io.thyme.spec.BaseType;
import io.thyme.spec.FieldSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * The common case of {@link JsonRowDecoder}, read straight from the bytes: one flat JSON object of
 * ASCII strings without escapes, numbers, booleans and nulls, each value of its field's type (keys
 * the dataset does not declare are skipped when their value is such a scalar). Anything else (an
 * escape, a non-ASCII character, a nested value, a value of the wrong type, a missing field, text
 * that is not JSON) makes it answer null, and the decoder reads the record with Jackson, which then
 * decides: the result or the error message is Jackson's whenever this declines, and the same row as
 * Jackson's whenever it does not ({@code FlatJsonReaderTest} compares both on generated and damaged
 * records). It exists because creating a Jackson parser per record cost more than reading the
 * record. Not thread-safe: one per decoder.
 */
final class FlatJsonReader {
    /** Longer strings go to Jackson, which applies its limits to them. */
    private static final int MAX_STRING = 1 << 16;

    private static final int MAX_DATETIME = 40;

    /** Digits a long holds whatever they are. */
    private static final int MAX_LONG_DIGITS = 18;

    /** Powers of ten a double holds exactly. */
    private static final double[] POWERS = new double[23];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private final byte[][] names;
    private final BaseType[] types;
    private final boolean[] optional;
    private final char[] scratch = new char[MAX_DATETIME];

    private byte[] in;
    private int at;
    private int end;

    /** The value just read; numbers leave theirs in {@link #number}/{@link #wholeNumber}. */
    private long wholeNumber;

    private double number;
    private boolean integral;

    FlatJsonReader(EventSchema schema) {
        int arity = schema.arity();
        names = new byte[arity][];
        types = new BaseType[arity];
        optional = new boolean[arity];
        for (int i = 0; i < arity; i++) {
            FieldSpec field = schema.fields().get(i);
            names[i] = field.name().getBytes(StandardCharsets.UTF_8);
            types[i] = field.type().base();
            optional[i] = field.type().optional();
        }
    }

    /** The row, or null to leave the record to Jackson. */
    Row read(byte[] bytes, RowKind kind) {
        in = bytes;
        at = 0;
        end = bytes.length;
        try {
            return object(kind);
        } finally {
            in = null;
        }
    }

    private Row object(RowKind kind) {
        skipSpace();
        if (!consume('{')) {
            return null;
        }
        Row row = Row.withPositions(kind, names.length);
        long seen = 0;
        int expected = 0;
        skipSpace();
        if (consume('}')) {
            return complete(row, seen);
        }
        while (true) {
            if (!consume('"')) {
                return null;
            }
            int nameStart = at;
            if (!skipAsciiString()) {
                return null;
            }
            int position = field(nameStart, at - 1, expected);
            skipSpace();
            if (!consume(':')) {
                return null;
            }
            skipSpace();
            if (position < 0) {
                if (!skipScalar()) {
                    return null;
                }
            } else {
                if (!value(row, position)) {
                    return null;
                }
                seen |= 1L << position;
                expected = position + 1;
            }
            skipSpace();
            if (consume('}')) {
                return complete(row, seen);
            }
            if (!consume(',')) {
                return null;
            }
            skipSpace();
        }
    }

    /** The row once every field not sent is Optional (the others get Jackson's message). */
    private Row complete(Row row, long seen) {
        for (int i = 0; i < names.length; i++) {
            if ((seen & (1L << i)) == 0 && !optional[i]) {
                return null;
            }
        }
        return row;
    }

    /** The field named by {@code in[start, end)}: the expected one first, or -1 if undeclared. */
    private int field(int start, int nameEnd, int expected) {
        if (expected < names.length && sameName(names[expected], start, nameEnd)) {
            return expected;
        }
        for (int i = 0; i < names.length; i++) {
            if (sameName(names[i], start, nameEnd)) {
                return i;
            }
        }
        return -1;
    }

    private boolean sameName(byte[] name, int start, int nameEnd) {
        return java.util.Arrays.equals(name, 0, name.length, in, start, nameEnd);
    }

    /** Reads field {@code position}'s value into the row; false to decline. */
    private boolean value(Row row, int position) {
        if (at < end && in[at] == 'n') {
            if (!literal("null") || !optional[position]) {
                return false;
            }
            row.setField(position, null);
            return true;
        }
        switch (types[position]) {
            case STR:
                {
                    String text = string();
                    if (text == null) {
                        return false;
                    }
                    row.setField(position, text);
                    return true;
                }
            case INT:
                if (!number() || !integral) {
                    return false;
                }
                row.setField(position, wholeNumber);
                return true;
            case FLOAT:
                if (!number() || Double.isNaN(number) || Double.isInfinite(number)) {
                    return false;
                }
                row.setField(position, number);
                return true;
            case BOOL:
                if (literal("true")) {
                    row.setField(position, Boolean.TRUE);
                    return true;
                }
                if (literal("false")) {
                    row.setField(position, Boolean.FALSE);
                    return true;
                }
                return false;
            case DATETIME:
                return datetime(row, position);
            case DATE:
                return date(row, position);
            default:
                return false;
        }
    }

    private boolean datetime(Row row, int position) {
        Instant instant;
        if (at < end && in[at] == '"') {
            at++;
            int start = at;
            if (!skipAsciiString() || at - 1 - start > MAX_DATETIME) {
                return false;
            }
            int length = at - 1 - start;
            for (int i = 0; i < length; i++) {
                scratch[i] = (char) in[start + i];
            }
            instant = IsoDatetimes.parseCommon(scratch, 0, length);
        } else {
            instant = number() && integral ? Instant.ofEpochMilli(wholeNumber) : null;
        }
        if (instant == null
                || instant.isBefore(FieldValues.MIN_DATETIME)
                || instant.isAfter(FieldValues.MAX_DATETIME)) {
            return false;
        }
        row.setField(position, instant);
        return true;
    }

    private boolean date(Row row, int position) {
        LocalDate date;
        if (at < end && in[at] == '"') {
            String text = string();
            if (text == null) {
                return false;
            }
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return false;
            }
        } else {
            if (!number() || !integral || Math.abs(wholeNumber) > 4_000_000) {
                return false;
            }
            date = LocalDate.ofEpochDay(wholeNumber);
        }
        if (date.isBefore(FieldValues.MIN_DATE) || date.isAfter(FieldValues.MAX_DATE)) {
            return false;
        }
        row.setField(position, date);
        return true;
    }

    /** An undeclared key's value: skipped if it is a scalar this reader reads. */
    private boolean skipScalar() {
        if (at >= end) {
            return false;
        }
        switch (in[at]) {
            case '"':
                at++;
                return skipAsciiString();
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return number();
        }
    }

    /** A string value (its opening quote next), or null to decline. */
    private String string() {
        if (!consume('"')) {
            return null;
        }
        int start = at;
        if (!skipAsciiString()) {
            return null;
        }
        // ASCII only: each byte is its character
        return new String(in, start, at - 1 - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Past the closing quote of a string whose opening quote was consumed; false (decline) for an
     * escape, a control or non-ASCII character, no closing quote, or a very long string.
     */
    private boolean skipAsciiString() {
        int limit = Math.min(end, at + MAX_STRING);
        for (int i = at; i < limit; i++) {
            byte b = in[i];
            if (b == '"') {
                at = i + 1;
                return true;
            }
            if (b < 0x20 || b == '\\') { // negative: a byte of a non-ASCII character
                return false;
            }
        }
        return false;
    }

    /** A literal such as {@code true}, which must not run into letters or digits. */
    private boolean literal(String word) {
        int n = word.length();
        if (at + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in[at + i] != word.charAt(i)) {
                return false;
            }
        }
        if (at + n < end && !isDelimiter(in[at + n])) {
            return false;
        }
        at += n;
        return true;
    }

    /**
     * A JSON number ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}): sets {@link
     * #integral}, {@link #wholeNumber} (integers of up to 18 digits) and {@link #number} as Jackson
     * reads them (an integer converted from its long, a fraction correctly rounded).
     */
    private boolean number() {
        int start = at;
        boolean negative = at < end && in[at] == '-';
        if (negative) {
            at++;
        }
        int digitsStart = at;
        long mantissa = 0;
        while (at < end && isDigit(in[at])) {
            mantissa = mantissa * 10 + (in[at] - '0');
            at++;
            if (at - digitsStart > MAX_LONG_DIGITS) {
                return false;
            }
        }
        int intDigits = at - digitsStart;
        if (intDigits == 0 || (intDigits > 1 && in[digitsStart] == '0')) {
            return false;
        }
        int fractionDigits = 0;
        if (at < end && in[at] == '.') {
            at++;
            while (at < end && isDigit(in[at])) {
                mantissa = mantissa * 10 + (in[at] - '0');
                at++;
                fractionDigits++;
                if (intDigits + fractionDigits > MAX_LONG_DIGITS) {
                    return false;
                }
            }
            if (fractionDigits == 0) {
                return false;
            }
        }
        boolean exponent = at < end && (in[at] == 'e' || in[at] == 'E');
        if (exponent) {
            at++;
            if (at < end && (in[at] == '+' || in[at] == '-')) {
                at++;
            }
            int exponentStart = at;
            while (at < end && isDigit(in[at]) && at - exponentStart < 6) {
                at++;
            }
            if (at == exponentStart || (at < end && isDigit(in[at]))) {
                return false;
            }
        }
        if (at < end && !isDelimiter(in[at])) {
            return false;
        }
        integral = fractionDigits == 0 && !exponent;
        if (integral) {
            wholeNumber = negative ? -mantissa : mantissa;
            number = wholeNumber; // as Jackson converts an integer: -0 is 0.0
        } else if (!exponent && mantissa < (1L << 53)) {
            // both exact, one correctly rounded division: the nearest double, as any correct
            // parser gives
            double magnitude = mantissa / POWERS[fractionDigits];
            number = negative ? -magnitude : magnitude; // -0.0 stays negative
        } else {
            number =
                    Double.parseDouble(
                            new String(in, start, at - start, StandardCharsets.ISO_8859_1));
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** What may follow a number or a literal in an object. */
    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '}' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private void skipSpace() {
        while (at < end) {
            byte b = in[at];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            at++;
        }
    }

    private boolean consume(char c) {
        if (at < end && in[at] == c) {
            at++;
            return true;
        }
        return false;
    }
}
