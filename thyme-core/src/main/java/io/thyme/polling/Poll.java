package io.thyme.polling;

import io.thyme.polling.position.PollPosition;
import java.util.List;

/**
 * One poll of one split, read in batches by the split reader's fetcher thread, so that a large poll
 * never blocks checkpoints or shutdown. Opened by {@link SplitPoller#open}.
 */
public interface Poll extends AutoCloseable {

    /**
     * The next records of the poll, at most {@code limit} rows; after the last, {@link #done()}.
     */
    List<PolledRecord> next(int limit) throws Exception;

    /** True when the poll has returned everything it will read. */
    boolean done();

    /** Once done: where the next poll of the split starts. */
    PollPosition end();

    /**
     * After a failure: where a poll opened again would start so that it emits none of the rows this
     * one returned, and loses none of those it had not returned yet.
     */
    PollPosition resumePosition();

    /** The newest time at which a row stamped by the database could still commit, or MAX_VALUE. */
    default long openTransactionsSinceMillis() {
        return Long.MAX_VALUE;
    }

    @Override
    void close();
}
