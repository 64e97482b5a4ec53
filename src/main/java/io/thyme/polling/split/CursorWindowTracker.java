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

    void emitted(PolledRecord row) {
        emitted.put(row.identity(), row.cursor());
        highWaterMark = CursorValues.max(highWaterMark, row.cursor());
    }

    /** Forgets rows that fell out of the overlap window: a poll no longer re-reads them. */
    void forgetBefore(Duration overlap) {
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

    Object highWaterMark() {
        return highWaterMark;
    }

    CursorWindowPosition position() {
        return new CursorWindowPosition(highWaterMark, emitted);
    }
}
