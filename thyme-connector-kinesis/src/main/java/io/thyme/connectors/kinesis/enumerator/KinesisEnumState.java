package io.thyme.connectors.kinesis.enumerator;

import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The enumerator's checkpoint: shards handed to readers, shards read to their end, and shards known
 * but not handed out yet (waiting for their parents or for a reader). {@code discovered}: whether
 * the first discovery ran, after which new shards are read from their start.
 */
public record KinesisEnumState(
        boolean discovered,
        Set<String> assigned,
        Set<String> finished,
        List<KinesisShardSplit> waiting) {

    public KinesisEnumState {
        assigned = java.util.Collections.unmodifiableSet(new TreeSet<>(assigned));
        finished = java.util.Collections.unmodifiableSet(new TreeSet<>(finished));
        waiting = List.copyOf(waiting);
    }

    public static KinesisEnumState initial() {
        return new KinesisEnumState(false, Set.of(), Set.of(), List.of());
    }
}
