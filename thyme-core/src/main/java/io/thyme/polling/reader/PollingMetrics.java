package io.thyme.polling.reader;

import java.time.Instant;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of a polling source reader: rows and duration of the last poll, cursor lag (now minus
 * the newest datetime cursor seen), time since the last successful poll, polls completed and
 * failed, and the rows the database returned ({@code numRowsFetched}, re-reads included).
 */
public final class PollingMetrics {
    private final Counter pollFailures;
    private final Counter rowsFetched;
    private final Counter polls;
    private volatile long lastPollRows;
    private volatile long lastPollDurationMillis;
    private volatile long lastSuccessfulPollMillis = System.currentTimeMillis();
    private volatile long newestCursorMillis = -1;

    public PollingMetrics(MetricGroup group) {
        pollFailures = group.counter("numPollFailures");
        rowsFetched = group.counter("numRowsFetched");
        polls = group.counter("numPolls");
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

    /** Rows the database returned to the source, re-reads included. */
    void rowsFetched(long rows) {
        rowsFetched.inc(rows);
    }

    void pollFailed() {
        pollFailures.inc();
    }

    void pollCompleted(long rows, long durationMillis, Object highWaterMark) {
        polls.inc();
        lastPollRows = rows;
        lastPollDurationMillis = durationMillis;
        lastSuccessfulPollMillis = System.currentTimeMillis();
        if (highWaterMark instanceof Instant) {
            Instant newest = (Instant) highWaterMark;
            long millis =
                    newest.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))
                            ? Long.MAX_VALUE
                            : newest.toEpochMilli();
            newestCursorMillis = Math.max(newestCursorMillis, millis);
        }
    }
}
