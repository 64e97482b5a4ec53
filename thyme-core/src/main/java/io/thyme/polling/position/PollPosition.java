package io.thyme.polling.position;

/**
 * How far a split has read its table, in the form its connector tracks: a cursor window ({@link
 * CursorWindowPosition}: the high-water mark and the rows emitted behind it) or a database snapshot
 * ({@link SnapshotPosition}: which row versions the last poll could see). Immutable; {@link
 * PositionTracker} is the mutable form the record emitter advances.
 */
public sealed interface PollPosition permits CursorWindowPosition, SnapshotPosition {

    /** Nothing read yet. */
    PollPosition START = CursorWindowPosition.EMPTY;

    /** The newest cursor value read so far, or null. */
    Object newestCursor();
}
