package io.thyme.polling.position;

import java.util.List;

/**
 * The position of a source that polls inside database snapshots (PostgreSQL): a row version is new
 * when the previous poll's snapshot could not see it, so every committed version is emitted exactly
 * once, whatever its values or their text.
 *
 * <p>The previous snapshot is its {@code xmin} and {@code xmax} (64-bit transaction ids) and the
 * {@code seen} transactions in between whose rows were emitted (a transaction in that range that is
 * not listed was still running, or is a subtransaction of one that was). {@code newestCursor} is
 * the table's largest cursor value in that snapshot; {@code marks} record it at earlier polls and
 * {@code oldestStartMicros} the start of the oldest transaction open at the last poll, so a
 * transaction that stamped its rows long before it committed is still read. {@code interrupted}
 * describes polls cut short by a checkpoint restore or a failure: rows of theirs up to their last
 * emitted row are not emitted again.
 */
public record SnapshotPosition(
        boolean hasSnapshot,
        long xmin,
        long xmax,
        List<Long> seen,
        Object newestCursor,
        List<Mark> marks,
        long oldestStartMicros,
        List<Interrupted> interrupted)
        implements PollPosition {

    /** The table's newest cursor value at a poll whose snapshot was taken at {@code atMicros}. */
    public record Mark(long atMicros, Object newestCursor) {}

    /**
     * A poll cut short after emitting the row at ({@code cursor}, {@code xid}, {@code ctid}) in its
     * order: it saw transactions below {@code xmin} and those in {@code seen}.
     */
    public record Interrupted(
            long xmin, long xmax, Object cursor, long xid, String ctid, List<Long> seen) {
        public Interrupted {
            seen = List.copyOf(seen);
        }
    }

    public SnapshotPosition {
        seen = List.copyOf(seen);
        marks = List.copyOf(marks);
        interrupted = List.copyOf(interrupted);
    }

    /** No snapshot yet: the first poll reads every row from {@code floor} (null: all of them). */
    public static SnapshotPosition first(Object floor) {
        return new SnapshotPosition(false, 0, 0, List.of(), floor, List.of(), 0, List.of());
    }

    public SnapshotPosition withInterrupted(List<Interrupted> polls) {
        return new SnapshotPosition(
                hasSnapshot, xmin, xmax, seen, newestCursor, marks, oldestStartMicros, polls);
    }
}
