package io.thyme.polling;

import io.thyme.event.InvalidRow;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * What a split reader hands to the emitter: a row read by a poll (decoded, with its cursor value
 * and identity), or the end of a poll with its statistics.
 *
 * @param decoded the event or the invalid row; null for the end of a poll
 * @param cursor the row's cursor value; null for the end of a poll or a row without one
 * @param identity a 64-bit hash of the row's values, to drop rows a poll re-reads
 * @param pollStartMillis when the poll began (wall clock), for the end of a poll
 * @param pollDurationMillis how long the poll took, for the end of a poll
 */
public record PolledRecord(
        Either<Row, InvalidRow> decoded,
        Object cursor,
        long identity,
        long pollStartMillis,
        long pollDurationMillis) {

    public static PolledRecord row(Either<Row, InvalidRow> decoded, Object cursor, long identity) {
        return new PolledRecord(decoded, cursor, identity, 0, 0);
    }

    public static PolledRecord endOfPoll(long pollStartMillis, long pollDurationMillis) {
        return new PolledRecord(null, null, 0, pollStartMillis, pollDurationMillis);
    }

    public boolean isEndOfPoll() {
        return decoded == null;
    }
}
