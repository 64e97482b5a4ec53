package io.thyme.polling.reader;

import io.thyme.polling.CursorValues;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.TablePoller;
import io.thyme.polling.TablePoller.Page;
import io.thyme.polling.TablePoller.PagePosition;
import io.thyme.polling.split.PollingSplit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the polls of a reader's splits in the fetcher thread. A poll starts every {@code every} (at
 * once when the previous one overran), re-reads the overlap window behind the high-water mark, and
 * reads page by page (one page per fetch, so checkpoints and shutdown are never blocked by a large
 * poll) until a page comes back short. A failed poll is retried with backoff from where the poll
 * began; nothing is skipped.
 */
final class PollingSplitReader implements SplitReader<PolledRecord, PollingSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(PollingSplitReader.class);
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final TablePoller poller;
    private final PollingSettings settings;
    private final PollingMetrics metrics;
    private final Map<String, SplitPolls> splits = new LinkedHashMap<>();
    private final Object wakeUpLock = new Object();
    private boolean wokenUp;

    /** Where one split's polling stands in this reader. */
    private static final class SplitPolls {
        final PollingSplit split;
        Object highWaterMarkRead;
        long nextPollAt;
        long pollStartedAt;
        Optional<Object> pollFrom = Optional.empty();
        Optional<PagePosition> after = Optional.empty();
        boolean polling;
        int failures;

        SplitPolls(PollingSplit split) {
            this.split = split;
            this.highWaterMarkRead = split.highWaterMark().orElse(null);
        }
    }

    PollingSplitReader(TablePoller poller, PollingSettings settings, PollingMetrics metrics) {
        this.poller = poller;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public RecordsWithSplitIds<PolledRecord> fetch() {
        SplitPolls next = null;
        for (SplitPolls polls : splits.values()) {
            if (next == null || polls.nextPollAt < next.nextPollAt) {
                next = polls;
            }
        }
        RecordsBySplits.Builder<PolledRecord> records = new RecordsBySplits.Builder<>();
        if (next == null || !waitUntil(next.nextPollAt)) {
            return records.build();
        }
        pollOnePage(next, records);
        return records.build();
    }

    private void pollOnePage(SplitPolls polls, RecordsBySplits.Builder<PolledRecord> records) {
        long now = System.currentTimeMillis();
        if (!polls.polling) {
            polls.polling = true;
            polls.pollStartedAt = now;
            polls.pollFrom =
                    Optional.ofNullable(polls.highWaterMarkRead)
                            .map(hwm -> CursorValues.overlapStart(hwm, settings.overlap()));
            polls.after = Optional.empty();
        }
        Page page;
        try {
            page = poller.read(polls.split, polls.pollFrom, polls.after, settings.batchSize());
        } catch (Exception e) {
            polls.failures++;
            long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(polls.failures - 1, 6));
            metrics.pollFailed();
            LOG.warn(
                    "Poll of {} failed (attempt {}), retrying in {} ms from cursor {}: {}",
                    polls.split.splitId(),
                    polls.failures,
                    backoff,
                    polls.pollFrom.orElse("(start)"),
                    e.toString());
            polls.polling = false;
            polls.nextPollAt = now + backoff;
            return;
        }
        polls.failures = 0;
        for (PolledRecord row : page.rows()) {
            records.add(polls.split.splitId(), row);
            if (polls.highWaterMarkRead == null
                    || CursorValues.compare(row.cursor(), polls.highWaterMarkRead) > 0) {
                polls.highWaterMarkRead = row.cursor();
            }
        }
        if (page.rows().size() >= settings.batchSize() && page.end().isPresent()) {
            polls.after = page.end();
            polls.nextPollAt = 0;
        } else {
            long end = System.currentTimeMillis();
            records.add(
                    polls.split.splitId(),
                    PolledRecord.endOfPoll(polls.pollStartedAt, end - polls.pollStartedAt));
            polls.polling = false;
            polls.nextPollAt = Math.max(end, polls.pollStartedAt + settings.every().toMillis());
        }
    }

    /** Waits until {@code atMillis}; false when woken up first. */
    private boolean waitUntil(long atMillis) {
        synchronized (wakeUpLock) {
            while (!wokenUp) {
                long delay = atMillis - System.currentTimeMillis();
                if (delay <= 0) {
                    return true;
                }
                try {
                    wakeUpLock.wait(Math.min(delay, Duration.ofSeconds(1).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            wokenUp = false;
            return false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<PollingSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change);
        }
        for (PollingSplit split : change.splits()) {
            splits.put(split.splitId(), new SplitPolls(split));
            LOG.info(
                    "Polling {} from cursor {}",
                    split.splitId(),
                    split.highWaterMark().orElse("(start)"));
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wakeUpLock) {
            wokenUp = true;
            wakeUpLock.notifyAll();
        }
    }

    @Override
    public void close() throws Exception {
        poller.close();
    }
}
