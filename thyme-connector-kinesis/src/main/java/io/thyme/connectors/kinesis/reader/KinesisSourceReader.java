package io.thyme.connectors.kinesis.reader;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.connectors.kinesis.KinesisConnection;
import io.thyme.connectors.kinesis.ShardFinished;
import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * A KinesisSource reader: reads its shards and tells the enumerator when one ends. The enumerator
 * hands out a child shard only after hearing that, and that event is not part of any checkpoint: so
 * a finished shard stays in this reader's checkpoints (marked finished) until a checkpoint taken
 * after it completes, and a restored reader announces its finished shards again.
 */
public final class KinesisSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                KinesisRecord, Either<Row, InvalidRow>, KinesisShardSplit, KinesisShardState> {

    /** Finished shards, with the first checkpoint that carried them (or -1: none yet). */
    private final Map<KinesisShardSplit, Long> finished = new LinkedHashMap<>();

    public KinesisSourceReader(
            KinesisConnection connection,
            String stream,
            JsonRowDecoder decoder,
            DebeziumEnvelopeDecoder envelopes,
            SourceReaderContext context) {
        super(
                () ->
                        new KinesisShardReader(
                                connection,
                                stream,
                                decoder,
                                envelopes,
                                context.metricGroup().counter("numThrottledReads")),
                new KinesisRecordEmitter(),
                context.getConfiguration(),
                context);
        if (envelopes != null) {
            envelopes.registerMetrics(context.metricGroup());
        }
    }

    @Override
    public void start() {}

    @Override
    public void addSplits(List<KinesisShardSplit> splits) {
        List<KinesisShardSplit> open = new ArrayList<>();
        for (KinesisShardSplit split : splits) {
            if (split.finished()) {
                finished.put(split, -1L);
                context.sendSourceEventToCoordinator(new ShardFinished(split.shardId()));
            } else {
                open.add(split);
            }
        }
        if (!open.isEmpty()) {
            super.addSplits(open);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, KinesisShardState> done) {
        for (KinesisShardState shard : done.values()) {
            finished.put(shard.toSplit().asFinished(), -1L);
            context.sendSourceEventToCoordinator(new ShardFinished(shard.shardId()));
        }
    }

    @Override
    public List<KinesisShardSplit> snapshotState(long checkpointId) {
        List<KinesisShardSplit> state = new ArrayList<>(super.snapshotState(checkpointId));
        finished.replaceAll((split, first) -> first < 0 ? checkpointId : first);
        state.addAll(finished.keySet());
        return state;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        // The enumerator's part of a checkpoint taken after the one that first carried the
        // shard already knows the shard is finished.
        finished.values().removeIf(first -> first >= 0 && first < checkpointId);
    }

    @Override
    protected KinesisShardState initializedState(KinesisShardSplit split) {
        return new KinesisShardState(split);
    }

    @Override
    protected KinesisShardSplit toSplitType(String splitId, KinesisShardState state) {
        return state.toSplit();
    }
}
