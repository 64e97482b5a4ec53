package io.thyme.polling.enumerator;

import io.thyme.polling.split.PollingSplit;
import java.util.List;

/**
 * What the enumerator checkpoints: whether it has created the splits (they are created once, at the
 * first start) and the splits not assigned to a reader yet.
 */
public record PollingEnumState(boolean splitsCreated, List<PollingSplit> unassigned) {

    public PollingEnumState {
        unassigned = List.copyOf(unassigned);
    }
}
