package io.thyme.connectors.kinesis.reader;

import io.thyme.connectors.kinesis.split.KinesisShardSplit;

/** A shard being read: the last sequence number emitted. */
final class KinesisShardState {
    private final KinesisShardSplit split;
    private String lastSequenceNumber;

    KinesisShardState(KinesisShardSplit split) {
        this.split = split;
        this.lastSequenceNumber = split.lastSequenceNumber();
    }

    void emitted(String sequenceNumber) {
        lastSequenceNumber = sequenceNumber;
    }

    String shardId() {
        return split.shardId();
    }

    KinesisShardSplit toSplit() {
        return split.at(lastSequenceNumber);
    }
}
