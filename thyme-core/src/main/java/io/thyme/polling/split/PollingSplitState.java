package io.thyme.polling.split;

import io.thyme.polling.PolledRecord;
import io.thyme.polling.position.CursorWindowPosition;
import io.thyme.polling.position.PollPosition;
import io.thyme.polling.position.SnapshotPosition;
import io.thyme.polling.position.SnapshotProgress;
import java.time.Duration;

/**
 * The mutable position of a split while the reader runs. Only the record emitter changes it, after
 * emitting a row, so a checkpoint never holds a position ahead of what was emitted. A split tracks
 * either a cursor window (re-read rows dropped by identity) or a snapshot poll (nothing is
 * re-read).
 */
public final class PollingSplitState {
    private final PollingSplit split;
    private final Duration overlap;
    private CursorWindowTracker window;
    private SnapshotProgress snapshot;
    private long newRowsInPoll;

    public PollingSplitState(PollingSplit split, Duration overlap) {
        this.split = split;
        this.overlap = overlap;
        adopt(split.position());
    }

    private void adopt(PollPosition position) {
        if (position instanceof SnapshotPosition) {
            window = null;
            snapshot = new SnapshotProgress((SnapshotPosition) position);
        } else {
            snapshot = null;
            window = new CursorWindowTracker((CursorWindowPosition) position);
        }
    }

    /** A snapshot poll began: rows that follow were read in the snapshot (xmin, xmax). */
    public void snapshotTaken(long xmin, long xmax) {
        if (snapshot == null) {
            // the first snapshot poll of a split that has only a cursor window so far
            snapshot = new SnapshotProgress(SnapshotPosition.first(window.highWaterMark()));
            window = null;
        } else {
            // a poll opened again after a failure: what the cut-short one emitted stays emitted
            snapshot = new SnapshotProgress(snapshot.position());
        }
        snapshot.started(xmin, xmax);
    }

    /** True when this row must be emitted: a cursor-window poll re-reads rows emitted before. */
    public boolean isNew(PolledRecord row) {
        return window == null || window.isNew(row);
    }

    /** Records that the row was emitted and advances the position past it. */
    public void markEmitted(PolledRecord row) {
        newRowsInPoll++;
        if (window != null) {
            window.emitted(row);
        } else {
            snapshot.emitted(row.cursor(), row.identity(), row.tieBreaker());
        }
    }

    /** The poll ended at {@code next} (a snapshot source's position; a window keeps its own). */
    public void pollEnded(PollPosition next) {
        if (next instanceof SnapshotPosition) {
            adopt(next);
        } else if (window != null) {
            window.forgetBefore(overlap);
        }
    }

    /** How many rows the current poll emitted; resets the count for the next poll. */
    public long takeNewRowsInPoll() {
        long rows = newRowsInPoll;
        newRowsInPoll = 0;
        return rows;
    }

    public Object newestCursor() {
        return window != null ? window.highWaterMark() : snapshot.base().newestCursor();
    }

    public PollingSplit toSplit() {
        return split.withPosition(window != null ? window.position() : snapshot.position());
    }
}
