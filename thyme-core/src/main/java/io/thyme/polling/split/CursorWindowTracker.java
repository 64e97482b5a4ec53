package io.thyme.polling.split;

import io.thyme.polling.CursorValues;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.position.CursorWindowPosition;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** The mutable form of a {@link CursorWindowPosition}: emitted identities behind the mark. */
final class CursorWindowTracker {
    private Object highWaterMark;
    private final Map<Long, Object> emitted;

    CursorWindowTracker(CursorWindowPosition position) {
        this.highWaterMark = position.highWaterMark();
        this.emitted = new HashMap<>(position.emitted());
    }

    boolean isNew(PolledRecord row) {
        return !emitted.containsKey(row.identity());
    }

    /**
     * Rows arrive in the database's cursor order from the mark on (re-read ones at the mark), so
     * each new row advances it.
     */
    void emitted(PolledRecord row) {
        emitted.put(row.identity(), row.cursor());
        highWaterMark = CursorValues.advance(highWaterMark, row.cursor());
    }

    /** Forgets rows that fell out of the overlap window: a poll no longer re-reads them. */
    void forgetBefore(Duration overlap) {
        if (highWaterMark == null) {
            return;
        }
        Object windowStart = CursorValues.overlapStart(highWaterMark, overlap);
        for (Iterator<Object> it = emitted.values().iterator(); it.hasNext(); ) {
            Object cursor = it.next();
            // text has no window, only ties; equality holds in any deterministic collation
            boolean behind =
                    windowStart instanceof String
                            ? !windowStart.equals(cursor)
                            : CursorValues.compare(cursor, windowStart) < 0;
            if (behind) {
                it.remove();
            }
        }
    }

    Object highWaterMark() {
        return highWaterMark;
    }

    CursorWindowPosition position() {
        return new CursorWindowPosition(highWaterMark, emitted);
    }
}
