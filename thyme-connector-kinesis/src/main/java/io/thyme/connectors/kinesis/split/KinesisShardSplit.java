package io.thyme.connectors.kinesis.split;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of the stream. {@code lastSequenceNumber} is the position: the last record emitted.
 * Without one the shard is read from {@code startAt} (the initial position, fixed as a time when
 * the shard was discovered, so a restart never moves it), or from the shard's start when {@code
 * startAt} is null (trim_horizon, and shards created by resharding). {@code parents} are the shards
 * that must be finished first, so a key's records keep their order. {@code finished} marks a shard
 * read to its end that a reader keeps in its checkpoints until the enumerator has surely heard of
 * it.
 */
public record KinesisShardSplit(
        String shardId,
        List<String> parents,
        Instant startAt,
        String lastSequenceNumber,
        boolean finished)
        implements SourceSplit {

    public KinesisShardSplit {
        parents = List.copyOf(parents);
    }

    public static KinesisShardSplit discovered(
            String shardId, List<String> parents, Instant startAt) {
        return new KinesisShardSplit(shardId, parents, startAt, null, false);
    }

    public KinesisShardSplit at(String sequenceNumber) {
        return new KinesisShardSplit(shardId, parents, startAt, sequenceNumber, false);
    }

    public KinesisShardSplit asFinished() {
        return new KinesisShardSplit(shardId, parents, startAt, lastSequenceNumber, true);
    }

    @Override
    public String splitId() {
        return shardId;
    }
}
