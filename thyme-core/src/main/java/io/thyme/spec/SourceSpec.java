package io.thyme.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * The serialized {@code @source}: connector, cursor, every, max_lateness and cdc, with the guide's
 * defaults ({@code ""} for the first three, {@code append} for cdc).
 */
public record SourceSpec(
        ConnectorSpec connector,
        Optional<String> cursor,
        Optional<Duration> every,
        Duration maxLateness,
        CdcMode cdc) {}
