package io.thyme.event;

import io.thyme.spec.BaseType;
import io.thyme.spec.FieldSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reading one flat JSON object of a dataset's fields straight from its bytes, the common case that
 * needs no parser: ASCII strings without escapes, numbers, booleans and nulls. Each step answers
 * whether it could read what it expected; anything it cannot (an escape, a non-ASCII character, a
 * nested value, text that is not JSON) makes the reader decline the record as a whole, which then
 * goes to Jackson. What {@link FlatJsonReader} makes rows of and {@link JsonEventTranscoder} writes
 * straight into the wire format. Not thread-safe.
 */
abstract class FlatJsonScanner {
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

    final byte[][] names;
    final BaseType[] types;
    final boolean[] optional;

    /** Whether each field's name is printable ASCII without a quote or a backslash. */
    private final boolean[] plainName;

    private final char[] scratch = new char[MAX_DATETIME];

    /** The date part ({@code yyyy-MM-dd}) of the last date-time read in the commonest form. */
    private final byte[] dayText = new byte[10];

    private boolean dayKnown;
    private long epochDay;

    byte[] in;
    int at;
    int end;

    /** The value just read; numbers leave theirs in {@link #number}/{@link #wholeNumber}. */
    long wholeNumber;

    double number;
    boolean integral;

    /** Where the last string read by {@link #stringRange()} begins and ends (quotes excluded). */
    int stringStart;

    int stringEnd;

    FlatJsonScanner(EventSchema schema) {
        int arity = schema.arity();
        names = new byte[arity][];
        types = new BaseType[arity];
        optional = new boolean[arity];
        plainName = new boolean[arity];
        for (int i = 0; i < arity; i++) {
            FieldSpec field = schema.fields().get(i);
            names[i] = field.name().getBytes(StandardCharsets.UTF_8);
            types[i] = field.type().base();
            optional[i] = field.type().optional();
            plainName[i] =
                    field.name()
                            .chars()
                            .allMatch(c -> c >= 0x20 && c < 0x7F && c != '"' && c != '\\');
        }
    }

    final void start(byte[] bytes) {
        in = bytes;
        at = 0;
        end = bytes.length;
    }

    /**
     * Past the next key of the object and its colon, after an opening brace or a comma: the
     * position of the field it names (the expected one tried first), -1 for a key the dataset does
     * not declare, or -2 to decline.
     */
    final int key(int expected) {
        if (!consume('"')) {
            return -2;
        }
        int position;
        if (expected < names.length && isExpectedName(expected)) {
            // records usually list the fields in the spec's order: compared where they stand
            at += names[expected].length + 1;
            position = expected;
        } else {
            int nameStart = at;
            if (!skipAsciiString()) {
                return -2;
            }
            position = field(nameStart, at - 1);
        }
        skipSpace();
        if (!consume(':')) {
            return -2;
        }
        skipSpace();
        return position;
    }

    /**
     * Whether the key at {@link #at} (past its opening quote) is field {@code expected}'s name
     * followed by the closing quote; only for names of plain ASCII, which are their own JSON.
     */
    private boolean isExpectedName(int expected) {
        int close = at + names[expected].length;
        return plainName[expected]
                && close < end
                && in[close] == '"'
                && sameName(names[expected], at, close);
    }

    /** The field named by {@code in[start, end)}, or -1 if undeclared. */
    private int field(int start, int nameEnd) {
        for (int i = 0; i < names.length; i++) {
            if (sameName(names[i], start, nameEnd)) {
                return i;
            }
        }
        return -1;
    }

    private boolean sameName(byte[] name, int start, int nameEnd) {
        if (name.length != nameEnd - start) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (in[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * After a value: true at the closing brace (consumed), false at a comma (consumed, and the
     * space after it); null to decline.
     */
    final Boolean objectEnds() {
        skipSpace();
        if (consume('}')) {
            return Boolean.TRUE;
        }
        if (!consume(',')) {
            return null;
        }
        skipSpace();
        return Boolean.FALSE;
    }

    /** True when every field not in {@code seen} (bit i: field i) is Optional. */
    final boolean onlyOptionalMissing(long seen) {
        for (int i = 0; i < names.length; i++) {
            if ((seen & (1L << i)) == 0 && !optional[i]) {
                return false;
            }
        }
        return true;
    }

    /** A null that field {@code position} may hold (consumed); false for anything else. */
    final boolean nullFor(int position) {
        return at < end && in[at] == 'n' && optional[position] && literal("null");
    }

    final boolean nullNext() {
        return at < end && in[at] == 'n';
    }

    /** A date-time (a string in a common ISO-8601 form, or epoch milliseconds), or null. */
    final Instant datetime() {
        Instant instant;
        if (at < end && in[at] == '"') {
            at++;
            int start = at;
            if (!skipAsciiString() || at - 1 - start > MAX_DATETIME) {
                return null;
            }
            int length = at - 1 - start;
            instant = utc(start, length);
            if (instant == null) {
                for (int i = 0; i < length; i++) {
                    scratch[i] = (char) in[start + i];
                }
                instant = IsoDatetimes.parseCommon(scratch, 0, length);
            }
        } else {
            instant = number() && integral ? Instant.ofEpochMilli(wholeNumber) : null;
        }
        if (instant == null
                || instant.isBefore(FieldValues.MIN_DATETIME)
                || instant.isAfter(FieldValues.MAX_DATETIME)) {
            return null;
        }
        return instant;
    }

    /**
     * The commonest form, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z]} (UTC), read from the bytes with
     * the day of the one read before kept: null for any other form, which {@link
     * IsoDatetimes#parseCommon} then reads (it gives the same instant for this one).
     */
    private Instant utc(int start, int length) {
        if (length < 19
                || in[start + 10] != 'T'
                || in[start + 13] != ':'
                || in[start + 16] != ':') {
            return null;
        }
        int hour = digits(start + 11, 2);
        int minute = digits(start + 14, 2);
        int second = digits(start + 17, 2);
        if ((hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < length && in[start + i] == '.') {
            int fraction = ++i;
            while (i < length && i - fraction < 10 && isDigit(in[start + i])) {
                nanos = nanos * 10 + (in[start + i] - '0');
                i++;
            }
            int count = i - fraction;
            if (count < 1 || count > 9) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i < length && !(in[start + i] == 'Z' && i + 1 == length)) {
            return null; // an offset, or more: the general reader's
        }
        if (!sameDay(start)) {
            if (in[start + 4] != '-' || in[start + 7] != '-') {
                return null;
            }
            int year = digits(start, 4);
            int month = digits(start + 5, 2);
            int day = digits(start + 8, 2);
            if ((year | month | day) < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
                return null;
            }
            try {
                epochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (java.time.DateTimeException e) {
                return null;
            }
            System.arraycopy(in, start, dayText, 0, dayText.length);
            dayKnown = true;
        }
        return Instant.ofEpochSecond(
                epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
    }

    /** Whether the date at {@code start} is the one {@link #epochDay} is the number of. */
    private boolean sameDay(int start) {
        if (!dayKnown) {
            return false;
        }
        for (int i = 0; i < dayText.length; i++) {
            if (in[start + i] != dayText[i]) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private int digits(int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            byte b = in[i];
            if (!isDigit(b)) {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /** A date (a {@code YYYY-MM-DD} string, or days since 1970-01-01), or null. */
    final LocalDate date() {
        LocalDate date;
        if (at < end && in[at] == '"') {
            String text = string();
            if (text == null) {
                return null;
            }
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        } else {
            if (!number() || !integral || Math.abs(wholeNumber) > 4_000_000) {
                return null;
            }
            date = LocalDate.ofEpochDay(wholeNumber);
        }
        if (date.isBefore(FieldValues.MIN_DATE) || date.isAfter(FieldValues.MAX_DATE)) {
            return null;
        }
        return date;
    }

    /** true or false, or null for anything else. */
    final Boolean bool() {
        if (literal("true")) {
            return Boolean.TRUE;
        }
        if (literal("false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** An undeclared key's value: skipped if it is a scalar this reader reads. */
    final boolean skipScalar() {
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
    final String string() {
        if (!stringRange()) {
            return null;
        }
        // ASCII only: each byte is its character
        return new String(in, stringStart, stringEnd - stringStart, StandardCharsets.ISO_8859_1);
    }

    /**
     * A string value (its opening quote next), its characters left between {@link #stringStart} and
     * {@link #stringEnd}; false to decline.
     */
    final boolean stringRange() {
        if (!consume('"')) {
            return false;
        }
        int start = at;
        if (!skipAsciiString()) {
            return false;
        }
        stringStart = start;
        stringEnd = at - 1;
        return true;
    }

    /**
     * Past the closing quote of a string whose opening quote was consumed; false (decline) for an
     * escape, a control or non-ASCII character, no closing quote, or a very long string.
     */
    final boolean skipAsciiString() {
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
    final boolean literal(String word) {
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
    final boolean number() {
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

    /** A number that is a finite double, in {@link #number}. */
    final boolean finiteNumber() {
        return number() && !Double.isNaN(number) && !Double.isInfinite(number);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** What may follow a number or a literal in an object. */
    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '}' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    final void skipSpace() {
        while (at < end) {
            byte b = in[at];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            at++;
        }
    }

    final boolean consume(char c) {
        if (at < end && in[at] == c) {
            at++;
            return true;
        }
        return false;
    }
}
