package io.thyme.polling.position;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The position of a source that recognises re-read rows by their identity: the cursor's high-water
 * mark and the rows emitted in the overlap window behind it (identity -> cursor value). Used by
 * sources whose database offers no snapshot to compare with (the warehouses).
 */
public record CursorWindowPosition(Object highWaterMark, Map<Long, Object> emitted)
        implements PollPosition {

    public static final CursorWindowPosition EMPTY = new CursorWindowPosition(null, Map.of());

    public CursorWindowPosition {
        emitted = Collections.unmodifiableMap(new LinkedHashMap<>(emitted));
    }

    @Override
    public Object newestCursor() {
        return highWaterMark;
    }
}
