package io.thyme.connectors.kinesis.split;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of the stream. {@code lastSequenceNumber} is the position: the last record emitted
 * (null: none yet; then the shard is read from its start when {@code fromShardStart}, as for a
 * shard created by resharding while the job ran, else from the source's initial position). {@code
 * parents} are the shards that must be finished first, so a key's records keep their order.
 */
public record KinesisShardSplit(
        String shardId, List<String> parents, boolean fromShardStart, String lastSequenceNumber)
        implements SourceSplit {

    public KinesisShardSplit {
        parents = List.copyOf(parents);
    }

    public KinesisShardSplit at(String sequenceNumber) {
        return new KinesisShardSplit(shardId, parents, fromShardStart, sequenceNumber);
    }

    @Override
    public String splitId() {
        return shardId;
    }
}
