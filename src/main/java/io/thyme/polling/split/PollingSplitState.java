package io.thyme.polling.split;

import io.thyme.polling.CursorValues;
import io.thyme.polling.PolledRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The mutable position of a split while the reader runs. Only the record emitter changes it, after
 * emitting a row, so a checkpoint never holds a position ahead of what was emitted.
 */
public final class PollingSplitState {
    private final PollingSplit split;
    private Object highWaterMark;
    private final Map<Long, Object> emitted;
    private long newRowsInPoll;

    public PollingSplitState(PollingSplit split) {
        this.split = split;
        this.highWaterMark = split.highWaterMark().orElse(null);
        this.emitted = new HashMap<>(split.emitted());
    }

    /** True when this row was emitted before: a poll re-read it. */
    public boolean wasEmitted(PolledRecord row) {
        return emitted.containsKey(row.identity());
    }

    /** Records that the row was emitted and advances the high-water mark past it. */
    public void markEmitted(PolledRecord row) {
        emitted.put(row.identity(), row.cursor());
        newRowsInPoll++;
        highWaterMark = CursorValues.max(highWaterMark, row.cursor());
    }

    /** How many rows the current poll emitted; resets the count for the next poll. */
    public long takeNewRowsInPoll() {
        long rows = newRowsInPoll;
        newRowsInPoll = 0;
        return rows;
    }

    /** Forgets rows that fell out of the overlap window: a poll no longer re-reads them. */
    public void forgetBefore(Duration overlap) {
        if (highWaterMark == null) {
            return;
        }
        Object windowStart = CursorValues.overlapStart(highWaterMark, overlap);
        for (Iterator<Object> it = emitted.values().iterator(); it.hasNext(); ) {
            if (CursorValues.compare(it.next(), windowStart) < 0) {
                it.remove();
            }
        }
    }

    public Object highWaterMark() {
        return highWaterMark;
    }

    public int emittedInWindow() {
        return emitted.size();
    }

    public PollingSplit toSplit() {
        return new PollingSplit(split.bucket(), split.bucketCount(), highWaterMark, emitted);
    }
}
