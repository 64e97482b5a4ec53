package io.thyme.polling.split;

import io.thyme.polling.position.CursorWindowPosition;
import io.thyme.polling.position.PollPosition;
import io.thyme.polling.position.SnapshotPosition;

/** A position as log lines show it: where it stands, not every identity it holds. */
final class PositionText {
    private PositionText() {}

    static String describe(PollPosition position) {
        if (position instanceof SnapshotPosition) {
            SnapshotPosition snapshot = (SnapshotPosition) position;
            return snapshot.hasSnapshot()
                    ? String.format(
                            "snapshot %d:%d, newest cursor %s, %d seen, %d interrupted",
                            snapshot.xmin(),
                            snapshot.xmax(),
                            snapshot.newestCursor(),
                            snapshot.seen().size(),
                            snapshot.interrupted().size())
                    : "no snapshot yet, from " + snapshot.newestCursor();
        }
        CursorWindowPosition window = (CursorWindowPosition) position;
        return "highWaterMark="
                + window.highWaterMark()
                + ", emittedInWindow="
                + window.emitted().size();
    }
}
