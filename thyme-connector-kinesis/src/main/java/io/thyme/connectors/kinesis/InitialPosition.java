package io.thyme.connectors.kinesis;

import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Where a shard is read from when no checkpoint says otherwise: {@code trim_horizon} (the oldest
 * record kept; the default), {@code latest}, or {@code at_timestamp:2024-05-01T00:00:00Z}.
 */
public record InitialPosition(ShardIteratorType type, Instant timestamp) implements Serializable {

    public static final String TRIM_HORIZON = "trim_horizon";

    public static Optional<InitialPosition> parse(String text) {
        if (text.equals(TRIM_HORIZON)) {
            return Optional.of(new InitialPosition(ShardIteratorType.TRIM_HORIZON, null));
        }
        if (text.equals("latest")) {
            return Optional.of(new InitialPosition(ShardIteratorType.LATEST, null));
        }
        if (text.startsWith("at_timestamp:")) {
            try {
                return Optional.of(
                        new InitialPosition(
                                ShardIteratorType.AT_TIMESTAMP,
                                Instant.parse(text.substring("at_timestamp:".length()))));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
