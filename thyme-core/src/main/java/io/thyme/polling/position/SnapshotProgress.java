package io.thyme.polling.position;

import io.thyme.polling.position.SnapshotPosition.Interrupted;
import io.thyme.polling.position.SnapshotPosition.Mark;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A snapshot poll in progress: the position it started from, the snapshot it reads in, and the last
 * row it emitted. The poll (which reads ahead) and the record emitter (whose copy is checkpointed)
 * each keep one, fed the same rows in the same order.
 */
public final class SnapshotProgress {
    /** Marks kept at most; thinning keeps the older of two, which only lowers the bound. */
    static final int MAX_MARKS = 64;

    private final SnapshotPosition base;
    private boolean started;
    private long xmin;
    private long xmax;
    private boolean emittedAny;
    private Object lastCursor;
    private long lastXid;
    private String lastCtid;
    private final Set<Long> seen = new LinkedHashSet<>();
    private long lastSeenAdded = -1;

    public SnapshotProgress(SnapshotPosition base) {
        this.base = base;
    }

    public SnapshotPosition base() {
        return base;
    }

    /** The poll's snapshot: transactions below {@code xmin} are visible, from {@code xmax} not. */
    public void started(long xmin, long xmax) {
        this.started = true;
        this.xmin = xmin;
        this.xmax = xmax;
    }

    /** A row version of transaction {@code xid} at {@code ctid} was emitted. */
    public void emitted(Object cursor, long xid, String ctid) {
        emittedAny = true;
        lastCursor = cursor;
        lastXid = xid;
        lastCtid = ctid;
        if (xid >= xmin && xid != lastSeenAdded) {
            seen.add(xid);
            lastSeenAdded = xid;
        }
    }

    /** Where a poll restarted now would resume: the base, plus this poll if it emitted rows. */
    public SnapshotPosition position() {
        if (!started || !emittedAny) {
            return base;
        }
        List<Interrupted> interrupted = new ArrayList<>(base.interrupted());
        interrupted.add(
                new Interrupted(xmin, xmax, lastCursor, lastXid, lastCtid, new ArrayList<>(seen)));
        return base.withInterrupted(interrupted);
    }

    /**
     * The position after this poll read everything its snapshot holds: that snapshot becomes the
     * previous one, with the table's newest cursor in it ({@code newestCursor}, null to keep the
     * last), taken at {@code atMicros} while the oldest open transaction had begun at {@code
     * oldestStartMicros}.
     */
    public SnapshotPosition finish(Object newestCursor, long atMicros, long oldestStartMicros) {
        Set<Long> allSeen = new LinkedHashSet<>(base.seen());
        base.interrupted().forEach(poll -> allSeen.addAll(poll.seen()));
        allSeen.addAll(seen);
        allSeen.removeIf(xid -> xid < xmin);
        Object newest = newestCursor != null ? newestCursor : base.newestCursor();
        List<Mark> marks = new ArrayList<>(base.marks());
        marks.add(new Mark(atMicros, newest));
        return new SnapshotPosition(
                true,
                xmin,
                xmax,
                new ArrayList<>(allSeen),
                newest,
                prune(marks, oldestStartMicros),
                oldestStartMicros,
                List.of());
    }

    /**
     * Drops marks no later poll needs: the oldest open transaction only gets younger, so only the
     * latest mark taken before it began and those after it matter.
     */
    static List<Mark> prune(List<Mark> marks, long oldestStartMicros) {
        int first = 0;
        for (int i = 0; i < marks.size(); i++) {
            if (marks.get(i).atMicros() <= oldestStartMicros) {
                first = i;
            }
        }
        List<Mark> kept = new ArrayList<>(marks.subList(first, marks.size()));
        while (kept.size() > MAX_MARKS) {
            List<Mark> thinned = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                if (i == 0 || i == kept.size() - 1 || i % 2 == 1) {
                    thinned.add(kept.get(i));
                }
            }
            kept = thinned;
        }
        return kept;
    }
}
