package io.thyme.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * ISO-8601 date-times read and written on every record, without {@link DateTimeFormatter}'s
 * per-call maps. The common forms ({@code 2024-05-01T12:00:00Z}, a fraction of 1 to 9 digits, an
 * offset {@code +HH:MM}, no offset read as UTC, a space for the {@code T}) are read by hand; every
 * other form goes to {@link DateTimeFormatter#ISO_DATE_TIME}, which defines the result: the fast
 * path gives the same instant or refuses the same text ({@code IsoDatetimesTest} compares them).
 */
final class IsoDatetimes {
    /** ISO-8601 UTC with microseconds, e.g. {@code 2024-05-01T12:00:00.000000Z}. */
    static final DateTimeFormatter DATETIME_OUT =
            new java.time.format.DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                    .toFormatter()
                    .withZone(ZoneOffset.UTC);

    private static final int[] POWERS = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    private IsoDatetimes() {}

    static Instant parse(String text) throws DateTimeParseException {
        Instant fast = parseCommon(text);
        return fast != null ? fast : parseAny(text);
    }

    /** What {@link DateTimeFormatter#ISO_DATE_TIME} reads (no offset: UTC). */
    static Instant parseAny(String text) throws DateTimeParseException {
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.replaceFirst(" ", "T") : text;
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(iso);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return Instant.from(parsed);
        }
        return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }

    /**
     * {@code yyyy-MM-dd(T| )HH:mm:ss[.f{1,9}][Z|±HH:MM]}, or null when the text has another form
     * (or a value out of range: the general parser then says why).
     */
    static Instant parseCommon(String text) {
        return parseCommon(text.toCharArray(), 0, text.length());
    }

    /**
     * {@link #parseCommon(String)} of {@code length} characters at {@code offset} (a JSON parser's
     * buffer: no string is made for the text).
     */
    static Instant parseCommon(char[] chars, int offset, int length) {
        int n = length;
        if (n < 19
                || chars[offset + 4] != '-'
                || chars[offset + 7] != '-'
                || (chars[offset + 10] != 'T' && chars[offset + 10] != ' ')
                || chars[offset + 13] != ':'
                || chars[offset + 16] != ':') {
            return null;
        }
        int year = digits(chars, offset, 4);
        int month = digits(chars, offset + 5, 2);
        int day = digits(chars, offset + 8, 2);
        int hour = digits(chars, offset + 11, 2);
        int minute = digits(chars, offset + 14, 2);
        int second = digits(chars, offset + 17, 2);
        if ((year | month | day | hour | minute | second) < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour > 23
                || minute > 59
                || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && chars[offset + i] == '.') {
            int start = ++i;
            while (i < n && i - start < 10 && isDigit(chars[offset + i])) {
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return null;
            }
            nanos = digits(chars, offset + start, count) * POWERS[9 - count];
        }
        int offsetSeconds = 0;
        if (i < n) {
            char sign = chars[offset + i];
            if (sign == 'Z' && i + 1 == n) {
                i++;
            } else if ((sign == '+' || sign == '-') && i + 6 == n && chars[offset + i + 3] == ':') {
                int oh = digits(chars, offset + i + 1, 2);
                int om = digits(chars, offset + i + 4, 2);
                if (oh < 0 || om < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) {
                    return null;
                }
                offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
                i = n;
            } else {
                return null;
            }
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
        long seconds =
                date.toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of {@code count} ASCII digits at {@code at}, or -1 if one is not a digit. */
    private static int digits(char[] chars, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = chars[i];
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (UTC, microseconds). */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return DATETIME_OUT.format(instant);
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        char[] out = new char[27];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        put(out, 20, instant.getNano() / 1000, 6);
        out[26] = 'Z';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
