package io.thyme.connectors.kafka;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Where a new KafkaSource starts when there is no checkpoint to restore: {@code earliest}, {@code
 * latest}, {@code committed} (the consumer group's offsets, else earliest) or {@code
 * timestamp:<ISO-8601>}.
 */
public record StartingPosition(Kind kind, Optional<Instant> timestamp) {

    /** The four ways to start. */
    public enum Kind {
        EARLIEST,
        LATEST,
        COMMITTED,
        TIMESTAMP
    }

    public static final String SYNTAX =
            "earliest, latest, committed, or timestamp:<ISO-8601>, e.g."
                    + " timestamp:2024-05-01T00:00:00Z";

    public static Optional<StartingPosition> parse(String text) {
        switch (text) {
            case "earliest":
                return Optional.of(new StartingPosition(Kind.EARLIEST, Optional.empty()));
            case "latest":
                return Optional.of(new StartingPosition(Kind.LATEST, Optional.empty()));
            case "committed":
                return Optional.of(new StartingPosition(Kind.COMMITTED, Optional.empty()));
            default:
                if (!text.startsWith("timestamp:")) {
                    return Optional.empty();
                }
                try {
                    Instant at = Instant.parse(text.substring("timestamp:".length()).trim());
                    return Optional.of(new StartingPosition(Kind.TIMESTAMP, Optional.of(at)));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
        }
    }
}
