package io.thyme.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/** The text forms of datetime values: what we accept on input and the one form we write. */
public final class FieldValues {
    /** ISO-8601 UTC with microseconds, e.g. {@code 2024-05-01T12:00:00.000000Z}. */
    public static final DateTimeFormatter DATETIME_OUT =
            new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                    .toFormatter()
                    .withZone(ZoneOffset.UTC);

    private FieldValues() {}

    /**
     * Parses ISO-8601 date-times: with an offset or {@code Z}, or without one (read as UTC); a
     * space may stand for the {@code T}.
     */
    public static Instant parseDatetime(String text) throws DateTimeParseException {
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.replaceFirst(" ", "T") : text;
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(iso);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return Instant.from(parsed);
        }
        return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }

    public static String formatDatetime(Instant instant) {
        return DATETIME_OUT.format(instant);
    }
}
