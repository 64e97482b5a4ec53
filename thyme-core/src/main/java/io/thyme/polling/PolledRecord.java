package io.thyme.polling;

import io.thyme.event.EncodedEvent;
import io.thyme.event.InvalidRow;
import io.thyme.polling.position.PollPosition;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * What a split reader hands to the emitter: a row read by a poll, the start of a poll that reads in
 * a database snapshot, or the end of a poll with the position it reached and its statistics.
 *
 * @param kind what this record is
 * @param decoded the event or the invalid row, for a row
 * @param cursor the row's cursor value, for a row
 * @param identity for a row: its identity (a hash of its values) where the source recognises
 *     re-reads by identity, the 64-bit id of the transaction that wrote it where it reads snapshots
 * @param tieBreaker for a row of a snapshot poll: its physical position (Postgres' ctid)
 * @param position for the end of a poll: where the next poll starts (null: the emitter's own)
 * @param snapshotXmin for the start of a snapshot poll: transactions below it are visible
 * @param snapshotXmax for the start of a snapshot poll: transactions from it on are not visible
 * @param pollStartMillis when the poll began (wall clock), for the end of a poll
 * @param pollDurationMillis how long the poll took, for the end of a poll
 * @param quietWatermarkMillis for the end of a poll: the watermark the split may emit if the poll
 *     found nothing new
 * @param encoded for a row of a source that emits events already encoded: the event, encoded in the
 *     fetcher thread (its row then dropped from {@code decoded})
 */
public record PolledRecord(
        Kind kind,
        Either<Row, InvalidRow> decoded,
        Object cursor,
        long identity,
        String tieBreaker,
        PollPosition position,
        long snapshotXmin,
        long snapshotXmax,
        long pollStartMillis,
        long pollDurationMillis,
        long quietWatermarkMillis,
        EncodedEvent encoded) {

    /** What a polled record is. */
    public enum Kind {
        ROW,
        SNAPSHOT_TAKEN,
        END_OF_POLL
    }

    public static PolledRecord row(Either<Row, InvalidRow> decoded, Object cursor, long identity) {
        return new PolledRecord(
                Kind.ROW, decoded, cursor, identity, null, null, 0, 0, 0, 0, 0, null);
    }

    /** A row version of a snapshot poll, written by transaction {@code xid}, at {@code ctid}. */
    public static PolledRecord snapshotRow(
            Either<Row, InvalidRow> decoded, Object cursor, long xid, String ctid) {
        return new PolledRecord(Kind.ROW, decoded, cursor, xid, ctid, null, 0, 0, 0, 0, 0, null);
    }

    /** A snapshot poll began reading in the snapshot (xmin, xmax). */
    public static PolledRecord snapshotTaken(long xmin, long xmax) {
        return new PolledRecord(
                Kind.SNAPSHOT_TAKEN, null, null, 0, null, null, xmin, xmax, 0, 0, 0, null);
    }

    public static PolledRecord endOfPoll(
            PollPosition next,
            long pollStartMillis,
            long pollDurationMillis,
            long quietWatermarkMillis) {
        return new PolledRecord(
                Kind.END_OF_POLL,
                null,
                null,
                0,
                null,
                next,
                0,
                0,
                pollStartMillis,
                pollDurationMillis,
                quietWatermarkMillis,
                null);
    }

    /** This row with its event encoded, and its row dropped. */
    public PolledRecord encodedAs(EncodedEvent event) {
        return new PolledRecord(
                kind,
                null,
                cursor,
                identity,
                tieBreaker,
                position,
                snapshotXmin,
                snapshotXmax,
                pollStartMillis,
                pollDurationMillis,
                quietWatermarkMillis,
                event);
    }

    public boolean isRow() {
        return kind == Kind.ROW;
    }
}
