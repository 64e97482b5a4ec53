package io.thyme.polling;

import java.io.Serializable;

/** Creates the poller of a split reader on the TaskManager; serialized into the job graph. */
@FunctionalInterface
public interface TablePollerFactory extends Serializable {
    SplitPoller create(PollingSettings settings);
}
