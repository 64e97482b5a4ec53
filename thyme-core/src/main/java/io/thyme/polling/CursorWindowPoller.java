package io.thyme.polling;

import io.thyme.polling.TablePoller.Page;
import io.thyme.polling.TablePoller.PagePosition;
import io.thyme.polling.position.CursorWindowPosition;
import io.thyme.polling.position.PollPosition;
import io.thyme.polling.split.PollingSplit;
import java.util.List;
import java.util.Optional;

/**
 * Polls a table through a {@link TablePoller} that reads pages by cursor: each poll re-reads the
 * overlap window behind the high-water mark, page by page, and the record emitter drops the rows it
 * emitted before by their identity. For databases that offer no snapshot to compare with.
 */
public final class CursorWindowPoller implements SplitPoller {
    private final TablePoller pages;
    private final PollingSettings settings;

    public CursorWindowPoller(TablePoller pages, PollingSettings settings) {
        this.pages = pages;
        this.settings = settings;
    }

    @Override
    public Poll open(PollingSplit split) {
        return new WindowPoll(split);
    }

    @Override
    public void close() {
        try {
            pages.close();
        } catch (Exception e) {
            // closing after the reader stopped; nothing is lost
        }
    }

    private final class WindowPoll implements Poll {
        private final PollingSplit split;
        private final Optional<Object> from;
        private Object highWaterMark;
        private Optional<PagePosition> after = Optional.empty();
        private boolean done;

        WindowPoll(PollingSplit split) {
            this.split = split;
            this.highWaterMark = split.position().newestCursor();
            this.from =
                    Optional.ofNullable(highWaterMark)
                            .map(hwm -> CursorValues.overlapStart(hwm, settings.overlap()));
        }

        @Override
        public List<PolledRecord> next(int limit) throws Exception {
            Page page = pages.read(split, from, after, limit);
            for (PolledRecord row : page.rows()) {
                highWaterMark = CursorValues.advance(highWaterMark, row.cursor());
            }
            if (page.rows().size() >= limit && page.end().isPresent()) {
                after = page.end();
            } else {
                done = true;
            }
            return page.rows();
        }

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public PollPosition end() {
            return new CursorWindowPosition(highWaterMark, java.util.Map.of());
        }

        @Override
        public PollPosition resumePosition() {
            return split.position();
        }

        @Override
        public void close() {}
    }
}
