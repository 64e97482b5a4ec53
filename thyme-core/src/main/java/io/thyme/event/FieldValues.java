package io.thyme.event;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The text forms of datetime values: what we accept on input and the one form we write. */
public final class FieldValues {
    /** ISO-8601 UTC with microseconds, e.g. {@code 2024-05-01T12:00:00.000000Z}. */
    public static final DateTimeFormatter DATETIME_OUT = IsoDatetimes.DATETIME_OUT;

    /** The datetimes an event may hold: years 1 to 9999, as ISO-8601 and most consumers allow. */
    public static final Instant MIN_DATETIME = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant MAX_DATETIME = Instant.parse("9999-12-31T23:59:59.999999Z");

    public static final java.time.LocalDate MIN_DATE = java.time.LocalDate.of(1, 1, 1);
    public static final java.time.LocalDate MAX_DATE = java.time.LocalDate.of(9999, 12, 31);

    private FieldValues() {}

    /** The datetime itself, or an error for one outside years 1 to 9999 (e.g. 'infinity'). */
    public static Instant checkDatetime(Instant value) throws RowDecodeException {
        if (value.isBefore(MIN_DATETIME) || value.isAfter(MAX_DATETIME)) {
            throw new RowDecodeException(
                    value
                            + " is outside the datetime range 0001-01-01 to 9999-12-31 (an infinity,"
                            + " or a wrong unit?)");
        }
        return value;
    }

    /** The number itself, or an error for NaN and the infinities, which JSON cannot hold. */
    public static double checkFloat(double value) throws RowDecodeException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new RowDecodeException(value + " is not a finite number (JSON cannot hold it)");
        }
        return value;
    }

    /** The date itself, or an error for one outside years 1 to 9999 (e.g. 'infinity'). */
    public static java.time.LocalDate checkDate(java.time.LocalDate value)
            throws RowDecodeException {
        if (value.isBefore(MIN_DATE) || value.isAfter(MAX_DATE)) {
            throw new RowDecodeException(
                    value + " is outside the date range 0001-01-01 to 9999-12-31 (an infinity?)");
        }
        return value;
    }

    /**
     * Parses ISO-8601 date-times: with an offset or {@code Z}, or without one (read as UTC); a
     * space may stand for the {@code T}.
     */
    public static Instant parseDatetime(String text) throws DateTimeParseException {
        return IsoDatetimes.parse(text);
    }

    /** ISO-8601 UTC with microseconds, e.g. {@code 2024-05-01T12:00:00.000000Z}. */
    public static String formatDatetime(Instant instant) {
        return IsoDatetimes.format(instant);
    }
}
