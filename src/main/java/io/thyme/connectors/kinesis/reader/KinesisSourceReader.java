package io.thyme.connectors.kinesis.reader;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.conf.KinesisConnection;
import io.thyme.connectors.kinesis.InitialPosition;
import io.thyme.connectors.kinesis.ShardFinished;
import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/** A KinesisSource reader: reads its shards, tells the enumerator when one ends. */
public final class KinesisSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                KinesisRecord, Either<Row, InvalidRow>, KinesisShardSplit, KinesisShardState> {

    public KinesisSourceReader(
            KinesisConnection connection,
            String stream,
            InitialPosition initial,
            JsonRowDecoder decoder,
            DebeziumEnvelopeDecoder envelopes,
            SourceReaderContext context) {
        super(
                () ->
                        new KinesisShardReader(
                                connection,
                                stream,
                                initial,
                                decoder,
                                envelopes,
                                context.metricGroup().counter("numThrottledReads")),
                new KinesisRecordEmitter(),
                context.getConfiguration(),
                context);
    }

    @Override
    public void start() {}

    @Override
    protected void onSplitFinished(Map<String, KinesisShardState> finished) {
        for (KinesisShardState shard : finished.values()) {
            context.sendSourceEventToCoordinator(new ShardFinished(shard.shardId()));
        }
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
