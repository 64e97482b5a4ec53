package io.thyme.polling.reader;

import java.time.Instant;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of a polling source reader: rows and duration of the last poll, cursor lag (now minus
 * the newest datetime cursor seen), time since the last successful poll, and failed polls.
 */
public final class PollingMetrics {
    private final Counter pollFailures;
    private volatile long lastPollRows;
    private volatile long lastPollDurationMillis;
    private volatile long lastSuccessfulPollMillis = System.currentTimeMillis();
    private volatile long newestCursorMillis = -1;

    public PollingMetrics(MetricGroup group) {
        pollFailures = group.counter("numPollFailures");
        group.gauge("lastPollRows", () -> lastPollRows);
        group.gauge("lastPollDurationMs", () -> lastPollDurationMillis);
        group.gauge(
                "millisSinceLastSuccessfulPoll",
                () -> System.currentTimeMillis() - lastSuccessfulPollMillis);
        group.gauge(
                "cursorLagMs",
                () ->
                        newestCursorMillis < 0
                                ? -1L
                                : System.currentTimeMillis() - newestCursorMillis);
    }

    void pollFailed() {
        pollFailures.inc();
    }

    void pollCompleted(long rows, long durationMillis, Object highWaterMark) {
        lastPollRows = rows;
        lastPollDurationMillis = durationMillis;
        lastSuccessfulPollMillis = System.currentTimeMillis();
        if (highWaterMark instanceof Instant) {
            newestCursorMillis =
                    Math.max(newestCursorMillis, ((Instant) highWaterMark).toEpochMilli());
        }
    }
}
