package io.thyme.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the guide's durations: an integer and a unit, {@code s}, {@code m}, {@code h} or {@code
 * d}.
 */
public final class DurationParser {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})([smhd])");

    private DurationParser() {}

    /** The duration, or empty when the text is not of the form {@code 5m}. */
    public static Optional<Duration> parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
            case "s":
                return Optional.of(Duration.ofSeconds(amount));
            case "m":
                return Optional.of(Duration.ofMinutes(amount));
            case "h":
                return Optional.of(Duration.ofHours(amount));
            case "d":
                return Optional.of(Duration.ofDays(amount));
            default:
                return Optional.empty();
        }
    }

    /** The fix we suggest wherever a duration does not parse. */
    public static String syntaxHelp() {
        return "write an integer and a unit (s, m, h, d), e.g. '5m'";
    }

    /** Formats a duration the way a user writes it, e.g. {@code 5m} or {@code 90s}. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        } else if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        } else if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
