package io.thyme.polling;

import io.thyme.polling.split.PollingSplit;

/**
 * One connector's way of polling its table: opens a poll of a split at the split's position. The
 * split reader drives it; a test can drive it by hand. Implementations keep their connections open
 * between polls and reopen them after a failure.
 */
public interface SplitPoller extends AutoCloseable {

    Poll open(PollingSplit split) throws Exception;

    @Override
    void close();
}
