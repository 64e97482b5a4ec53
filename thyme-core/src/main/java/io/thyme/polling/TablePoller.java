package io.thyme.polling;

import io.thyme.polling.split.PollingSplit;
import java.util.List;
import java.util.Optional;

/**
 * One connector's way of reading a page of rows of one split, ordered by the cursor and a
 * tie-breaker the connector chooses. The split reader drives it; a test can drive it by hand.
 * Implementations keep their connection open between calls and reopen it after a failure.
 */
public interface TablePoller extends AutoCloseable {

    /**
     * Reads up to {@code limit} rows of the split whose cursor is at or after {@code from} (all
     * rows with a cursor when empty), or, when {@code after} is present, strictly after that page
     * position, in cursor order.
     */
    Page read(PollingSplit split, Optional<Object> from, Optional<PagePosition> after, int limit)
            throws Exception;

    /** Where a page ended: the cursor and tie-breaker of its last row. */
    record PagePosition(Object cursor, String tieBreaker) {}

    /** The rows of a page and where it ended; full when it has {@code limit} rows. */
    record Page(List<PolledRecord> rows, Optional<PagePosition> end) {}
}
